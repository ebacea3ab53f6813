package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ItemPayload;
import io.loyaltybatch.model.ItemResult;

/** The outcome of validating one submitted item. */
public sealed interface ValidatedItem {

    int index();

    /** A valid item, normalised into its kind's payload, to be published to a worker. */
    record Accepted(int index, String customerId, ItemPayload payload) implements ValidatedItem {}

    /** An invalid item: a failed item of the job from the start, never published. */
    record Rejected(int index, ItemResult result) implements ValidatedItem {}
}
