package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ItemPayload;
import io.loyaltybatch.model.ItemType;
import tools.jackson.databind.JsonNode;

/**
 * Validates and normalises the items of one {@link ItemType} at submit time, into the kind's payload record. Every
 * kind must have exactly one validator bean: the gateway refuses to start otherwise ({@link ItemValidation}).
 *
 * @param <P> the kind's payload record, {@link ItemType#payloadType()}
 */
public interface ItemValidator<P extends ItemPayload> {

    ItemType type();

    /**
     * @param item an element of the submitted {@code body}, already known to be a JSON object with a valid
     *             {@code customerId} and no value outside the common bounds ({@link ItemTree})
     * @return the normalised item that travels to the worker
     * @throws ItemRejectedException if the item is invalid
     */
    P validate(JsonNode item);
}
