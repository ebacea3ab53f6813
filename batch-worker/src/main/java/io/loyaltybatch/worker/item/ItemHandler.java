package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ItemPayload;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import java.util.List;

/**
 * Applies the items of one {@link ItemType}, given as its payload record. Every kind must have exactly one handler
 * bean: the worker refuses to start otherwise ({@link ItemDispatch}).
 *
 * <p>Called inside the ledger's database transaction with items that have never been applied before, in submission
 * order. A handler makes a bounded number of database round trips per call, not one per item. Expected failures
 * (unknown customer, duplicate transaction, ...) are failed results, not exceptions: an exception rolls back the
 * whole poll, which is then delivered again.
 *
 * @param <P> the kind's payload record, {@link ItemType#payloadType()}
 */
public interface ItemHandler<P extends ItemPayload> {

    ItemType type();

    /** @return one result per item, in the order given */
    List<ItemResult> apply(List<Item<P>> items);
}
