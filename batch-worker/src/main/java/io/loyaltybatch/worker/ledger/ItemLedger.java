package io.loyaltybatch.worker.ledger;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import java.util.List;

/**
 * The system of record. Applies items exactly once in effect: each item's effect and the record of its
 * {@code (jobId, index)} with its result commit together, so an item delivered again re-reports its first result.
 */
public interface ItemLedger {

    /** @return one result per item, in the order given */
    List<ItemResult> apply(List<ItemEnvelope> items);

    /**
     * Records that an item could not be processed (5000), unless it already has a result.
     *
     * @return the item's result as stored
     */
    ItemResult recordUnprocessable(ItemEnvelope item);
}
