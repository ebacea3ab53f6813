package io.loyaltybatch.worker.balance;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems.BalanceInquiry;
import io.loyaltybatch.worker.customer.CustomerKey;
import io.loyaltybatch.worker.item.Item;
import io.loyaltybatch.worker.item.ItemHandler;
import io.loyaltybatch.worker.points.AccountBook;
import io.loyaltybatch.worker.points.AccountBooks;
import io.loyaltybatch.worker.points.ItemOutcomes;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code balance-inquiry}: reports the balance as of the item's place in the customer's stream of items. */
@Component
class BalanceInquiryHandler implements ItemHandler<BalanceInquiry> {

    private final AccountBooks books;

    BalanceInquiryHandler(AccountBooks books) {
        this.books = books;
    }

    @Override
    public ItemType type() {
        return ItemType.BALANCE_INQUIRY;
    }

    @Override
    public List<ItemResult> apply(List<Item<BalanceInquiry>> items) {
        AccountBook book = books.lockWithoutMovements(items);
        return items.stream()
                .map(item -> {
                    CustomerKey customer = CustomerKey.of(item);
                    if (!book.exists(customer)) {
                        return ItemOutcomes.customerNotFound(item);
                    }
                    return ItemResult.success(
                            item.index(),
                            item.customerId(),
                            "Balance retrieved successfully",
                            book.balance(customer).payload(books.program(item)));
                })
                .toList();
    }
}
