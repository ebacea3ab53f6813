package io.loyaltybatch.worker.balance;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems.BalanceAdjustment;
import io.loyaltybatch.worker.customer.CustomerKey;
import io.loyaltybatch.worker.item.Item;
import io.loyaltybatch.worker.item.ItemHandler;
import io.loyaltybatch.worker.points.AccountBook;
import io.loyaltybatch.worker.points.AccountBooks;
import io.loyaltybatch.worker.points.ItemOutcomes;
import io.loyaltybatch.worker.points.MovementKind;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code balance-adjustment}: adds or deducts points by hand; a deduction never takes the balance below 0. */
@Component
class BalanceAdjustmentHandler implements ItemHandler<BalanceAdjustment> {

    private final AccountBooks books;

    BalanceAdjustmentHandler(AccountBooks books) {
        this.books = books;
    }

    @Override
    public ItemType type() {
        return ItemType.BALANCE_ADJUSTMENT;
    }

    @Override
    public List<ItemResult> apply(List<Item<BalanceAdjustment>> items) {
        AccountBook book = books.lock(items);
        List<ItemResult> results = new ArrayList<>(items.size());
        for (Item<BalanceAdjustment> item : items) {
            BalanceAdjustment adjustment = item.payload();
            CustomerKey customer = CustomerKey.of(item);
            AccountBook.Source source = new AccountBook.Source("adjustment", null, item);
            if (!book.exists(customer)) {
                results.add(ItemOutcomes.customerNotFound(item));
            } else if (adjustment.amount() > 0) {
                book.credit(customer, adjustment.amount(), source);
                results.add(adjusted(item, adjustment, book.balance(customer).available()));
            } else if (book.debit(customer, Math.negateExact(adjustment.amount()), MovementKind.ADJUSTMENT_DOWN, source)
                    .isPresent()) {
                results.add(adjusted(item, adjustment, book.balance(customer).available()));
            } else {
                results.add(ItemOutcomes.insufficientBalance(item));
            }
        }
        book.flush();
        return results;
    }

    private static ItemResult adjusted(Item<BalanceAdjustment> item, BalanceAdjustment adjustment, long available) {
        return ItemOutcomes.success(
                item,
                "Balance adjusted successfully",
                "points",
                adjustment.amount(),
                "availablePointsBalance",
                available);
    }
}
