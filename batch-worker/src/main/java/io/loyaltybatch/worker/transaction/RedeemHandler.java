package io.loyaltybatch.worker.transaction;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems.Redeem;
import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.worker.customer.CustomerKey;
import io.loyaltybatch.worker.ledger.ItemHandler;
import io.loyaltybatch.worker.points.AccountBook;
import io.loyaltybatch.worker.points.AccountBooks;
import io.loyaltybatch.worker.points.ItemOutcomes;
import io.loyaltybatch.worker.points.Movement;
import io.loyaltybatch.worker.points.MovementKind;
import io.loyaltybatch.worker.transaction.TransactionStore.PointTransaction;
import io.loyaltybatch.worker.transaction.TransactionStore.TransactionKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code redeem}: spends points from the available balance; an {@code amount} converts at the redemption factor,
 * rounded up to whole points. {@code redeemAmount} is the amount given, or the money value of the points given.
 */
@Component
class RedeemHandler implements ItemHandler {

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
    public List<ItemResult> apply(List<ItemEnvelope> items) {
        AccountBook book = books.open(items);
        Set<TransactionKey> taken = new HashSet<>(transactions.existing(
                items.stream().map(i -> TransactionKeys.of(i, TYPE)).toList()));
        List<PointTransaction> recorded = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>(items.size());
        for (ItemEnvelope item : items) {
            Redeem redeem = ItemOutcomes.body(item, Redeem.class);
            TransactionKey key = TransactionKeys.of(item, TYPE);
            CustomerKey customer = CustomerKey.of(item);
            ProgramSettings program = books.program(item);
            if (taken.contains(key)) {
                results.add(ItemOutcomes.duplicateTransaction(item));
                continue;
            }
            if (!book.exists(customer)) {
                results.add(ItemOutcomes.customerNotFound(item));
                continue;
            }
            long points = redeem.points() != null ? redeem.points() : program.pointsToRedeem(redeem.amount());
            Optional<Movement> spent = book.debit(
                    customer,
                    points,
                    MovementKind.REDEMPTION,
                    new AccountBook.Source(TYPE, redeem.transactionId(), item));
            if (spent.isEmpty()) {
                results.add(ItemOutcomes.insufficientBalance(item));
                continue;
            }
            taken.add(key);
            BigDecimal value = redeem.amount() != null ? redeem.amount() : program.valueOf(points);
            recorded.add(new PointTransaction(
                    key,
                    item.customerId(),
                    Instant.parse(redeem.transactionTime()),
                    value,
                    points,
                    spent.get().id(),
                    item.jobId(),
                    item.index()));
            results.add(ItemOutcomes.success(
                    item,
                    "Points redeemed successfully",
                    "transactionId",
                    redeem.transactionId(),
                    "transactionRef",
                    spent.get().id(),
                    "redeemEquivalentPoints",
                    points,
                    "redeemAmount",
                    value));
        }
        book.flush();
        transactions.insert(recorded);
        return results;
    }
}
