package io.loyaltybatch.worker.ledger;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import java.util.List;

/**
 * Applies the items of one {@link ItemType}. Adding an item kind means adding one handler bean (and one gateway
 * validator); the job machinery does not change.
 *
 * <p>Called inside the ledger's database transaction with items that have never been applied before, in submission
 * order. A handler makes a bounded number of database round trips per call, not one per item. Expected failures
 * (unknown customer, duplicate transaction, ...) are failed results, not exceptions: an exception rolls back the
 * whole poll, which is then delivered again.
 */
public interface ItemHandler {

    ItemType type();

    /** @return one result per item, in the order given */
    List<ItemResult> apply(List<ItemEnvelope> items);
}
