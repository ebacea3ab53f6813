package io.loyaltybatch.worker.ledger;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemRef;
import io.loyaltybatch.model.ItemResult;
import java.util.List;

/**
 * The system of record. Applies items exactly once in effect: each item's effect and the record of its
 * {@code (jobId, index)} with its result commit together, so an item delivered again re-reports its first result.
 * An item of a job that has ended (see {@code JobEnds}) and that had not taken effect before is cancelled, never
 * applied.
 */
public interface ItemLedger {

    /**
     * Applies the items that have never been applied before, with {@code effects}, in one transaction with the
     * record of their {@code (jobId, index)}.
     *
     * @return one outcome per item, in the order given
     */
    List<LedgerOutcome> apply(List<ItemEnvelope> items, Effects effects);

    /** What items do: called inside the ledger's transaction with the items never applied before, in order. */
    @FunctionalInterface
    interface Effects {

        /** @return one result per item, in the order given */
        List<ItemResult> apply(List<ItemEnvelope> fresh);
    }

    /**
     * Records that an item could not be processed (5000), unless it already has a result or its job has ended.
     *
     * @return the item's result as stored, or cancelled
     */
    LedgerOutcome recordUnprocessable(ItemRef item);

    /** Every result the ledger holds for items of the tenant's job. */
    List<ItemResult> recorded(String tenantId, long jobId);
}
