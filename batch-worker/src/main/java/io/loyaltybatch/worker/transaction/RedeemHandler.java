package io.loyaltybatch.worker.transaction;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems.Redeem;
import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.worker.item.Item;
import io.loyaltybatch.worker.item.ItemHandler;
import io.loyaltybatch.worker.points.AccountBook;
import io.loyaltybatch.worker.points.AccountBooks;
import io.loyaltybatch.worker.points.ItemOutcomes;
import io.loyaltybatch.worker.points.MovementKind;
import io.loyaltybatch.worker.points.PointsSegment;
import io.loyaltybatch.worker.transaction.TransactionStore.PointTransaction;
import io.loyaltybatch.worker.transaction.TransactionStore.TransactionKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code redeem}: spends points from the available balance; an {@code amount} converts at the redemption factor,
 * rounded up to whole points. {@code redeemAmount} is the amount given, or the money value of the points given.
 */
@Component
class RedeemHandler implements ItemHandler<Redeem> {

    static final String TYPE = "redeem";

    private final AccountBooks books;
    private final TransactionStore transactions;

    RedeemHandler(AccountBooks books, TransactionStore transactions) {
        this.books = books;
        this.transactions = transactions;
    }

    @Override
    public ItemType type() {
        return ItemType.REDEEM;
    }

    @Override
    public List<ItemResult> apply(List<Item<Redeem>> items) {
        PointsSegment<TransactionKey> segment = PointsSegment.open(
                books,
                items,
                transactions.existing(items.stream().map(RedeemHandler::key).toList()),
                ItemOutcomes::duplicateTransaction);
        List<PointTransaction> recorded = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>(items.size());
        for (Item<Redeem> item : items) {
            Redeem redeem = item.payload();
            ProgramSettings program = segment.program(item);
            long points = redeem.points() != null ? redeem.points() : program.pointsToRedeem(redeem.amount());
            PointsSegment.Move spent = segment.spend(
                    item,
                    key(item),
                    points,
                    MovementKind.REDEMPTION,
                    new AccountBook.Source(TYPE, redeem.transactionId(), item));
            if (spent.refused()) {
                results.add(spent.refusal());
                continue;
            }
            BigDecimal value = redeem.amount() != null ? redeem.amount() : program.valueOf(points);
            recorded.add(new PointTransaction(
                    key(item),
                    item.customerId(),
                    Instant.parse(redeem.transactionTime()),
                    value,
                    points,
                    spent.movement().id(),
                    item.jobId(),
                    item.index()));
            results.add(ItemOutcomes.success(
                    item,
                    "Points redeemed successfully",
                    "transactionId",
                    redeem.transactionId(),
                    "transactionRef",
                    spent.movement().id(),
                    "redeemEquivalentPoints",
                    points,
                    "redeemAmount",
                    value));
        }
        segment.flush();
        transactions.insert(recorded);
        return results;
    }

    private static TransactionKey key(Item<Redeem> item) {
        return new TransactionKey(item.tenantId(), TYPE, item.payload().transactionId());
    }
}
