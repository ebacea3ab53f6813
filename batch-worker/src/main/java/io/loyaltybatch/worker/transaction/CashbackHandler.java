package io.loyaltybatch.worker.transaction;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems.Cashback;
import io.loyaltybatch.worker.item.Item;
import io.loyaltybatch.worker.item.ItemHandler;
import io.loyaltybatch.worker.points.AccountBook;
import io.loyaltybatch.worker.points.AccountBooks;
import io.loyaltybatch.worker.points.ItemOutcomes;
import io.loyaltybatch.worker.points.PointsSegment;
import io.loyaltybatch.worker.transaction.TransactionStore.PointTransaction;
import io.loyaltybatch.worker.transaction.TransactionStore.TransactionKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code cashback}: earns points on the amount spent, as an order does. {@code rewardAmount} is the money value of
 * the points rewarded.
 */
@Component
class CashbackHandler implements ItemHandler<Cashback> {

    static final String TYPE = "cashback";

    private final AccountBooks books;
    private final TransactionStore transactions;

    CashbackHandler(AccountBooks books, TransactionStore transactions) {
        this.books = books;
        this.transactions = transactions;
    }

    @Override
    public ItemType type() {
        return ItemType.CASHBACK;
    }

    @Override
    public List<ItemResult> apply(List<Item<Cashback>> items) {
        PointsSegment<TransactionKey> segment = PointsSegment.open(
                books,
                items,
                transactions.existing(items.stream().map(CashbackHandler::key).toList()),
                ItemOutcomes::duplicateTransaction);
        List<PointTransaction> recorded = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>(items.size());
        for (Item<Cashback> item : items) {
            Cashback cashback = item.payload();
            Instant time = Instant.parse(cashback.transactionTime());
            PointsSegment.Move earned = segment.earn(
                    item,
                    key(item),
                    cashback.amount(),
                    time,
                    new AccountBook.Source(TYPE, cashback.transactionId(), item));
            if (earned.refused()) {
                results.add(earned.refusal());
                continue;
            }
            recorded.add(new PointTransaction(
                    key(item),
                    item.customerId(),
                    time,
                    cashback.amount(),
                    earned.points(),
                    earned.movement().id(),
                    item.jobId(),
                    item.index()));
            results.add(ItemOutcomes.success(
                    item,
                    "Cashback rewarded successfully",
                    "transactionId",
                    cashback.transactionId(),
                    "transactionRef",
                    earned.movement().id(),
                    "rewardEquivalentPoints",
                    earned.points(),
                    "rewardAmount",
                    segment.program(item).valueOf(earned.points())));
        }
        segment.flush();
        transactions.insert(recorded);
        return results;
    }

    private static TransactionKey key(Item<Cashback> item) {
        return new TransactionKey(item.tenantId(), TYPE, item.payload().transactionId());
    }
}
