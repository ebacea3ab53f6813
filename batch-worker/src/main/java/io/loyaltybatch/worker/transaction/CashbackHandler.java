package io.loyaltybatch.worker.transaction;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems.Cashback;
import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.worker.customer.CustomerKey;
import io.loyaltybatch.worker.ledger.ItemHandler;
import io.loyaltybatch.worker.points.AccountBook;
import io.loyaltybatch.worker.points.AccountBooks;
import io.loyaltybatch.worker.points.ItemOutcomes;
import io.loyaltybatch.worker.points.Movement;
import io.loyaltybatch.worker.transaction.TransactionStore.PointTransaction;
import io.loyaltybatch.worker.transaction.TransactionStore.TransactionKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@code cashback}: earns points on the amount spent, as an order does. {@code rewardAmount} is the money value of
 * the points rewarded.
 */
@Component
class CashbackHandler implements ItemHandler {

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
    public List<ItemResult> apply(List<ItemEnvelope> items) {
        AccountBook book = books.open(items);
        Set<TransactionKey> taken = new HashSet<>(transactions.existing(
                items.stream().map(i -> TransactionKeys.of(i, TYPE)).toList()));
        List<PointTransaction> recorded = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>(items.size());
        for (ItemEnvelope item : items) {
            Cashback cashback = ItemOutcomes.body(item, Cashback.class);
            TransactionKey key = TransactionKeys.of(item, TYPE);
            CustomerKey customer = CustomerKey.of(item);
            ProgramSettings program = books.program(item);
            if (taken.contains(key)) {
                results.add(ItemOutcomes.duplicateTransaction(item));
                continue;
            }
            if (!book.exists(customer) && !program.autoCreateCustomers()) {
                results.add(ItemOutcomes.customerNotFound(item));
                continue;
            }
            taken.add(key);
            book.createIfMissing(customer);
            long points = program.pointsEarnedOn(cashback.amount());
            Instant time = Instant.parse(cashback.transactionTime());
            Movement earned = book.earn(
                    customer,
                    points,
                    time,
                    program.returnWindowDays(),
                    new AccountBook.Source(TYPE, cashback.transactionId(), item));
            recorded.add(new PointTransaction(
                    key, item.customerId(), time, cashback.amount(), points, earned.id(), item.jobId(), item.index()));
            results.add(ItemOutcomes.success(
                    item,
                    "Cashback rewarded successfully",
                    "transactionId",
                    cashback.transactionId(),
                    "transactionRef",
                    earned.id(),
                    "rewardEquivalentPoints",
                    points,
                    "rewardAmount",
                    program.valueOf(points)));
        }
        book.flush();
        transactions.insert(recorded);
        return results;
    }
}
