package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ItemType;
import tools.jackson.databind.JsonNode;

/**
 * Validates and normalises the items of one {@link ItemType} at submit time. Adding an item kind means adding one
 * validator bean (and one worker handler); nothing else changes.
 */
public interface ItemValidator {

    ItemType type();

    /**
     * @param item an element of the submitted {@code body}, already known to be a JSON object with a valid
     *             {@code customerId}
     * @return the normalised item that travels to the worker
     * @throws ItemRejectedException if the item is invalid
     */
    JsonNode validate(JsonNode item);
}
