package io.loyaltybatch.worker.balance;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.ProgramCatalog;
import io.loyaltybatch.worker.customer.CustomerKey;
import io.loyaltybatch.worker.ledger.ItemHandler;
import io.loyaltybatch.worker.points.AccountBook;
import io.loyaltybatch.worker.points.ItemOutcomes;
import io.loyaltybatch.worker.points.PointsLedger;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code balance-inquiry}: reports the balance as of the item's place in the customer's stream of items. */
@Component
class BalanceInquiryHandler implements ItemHandler {

    private final PointsLedger ledger;
    private final ProgramCatalog programs;
    private final Clock clock;

    BalanceInquiryHandler(PointsLedger ledger, ProgramCatalog programs, Clock clock) {
        this.ledger = ledger;
        this.programs = programs;
        this.clock = clock;
    }

    @Override
    public ItemType type() {
        return ItemType.BALANCE_INQUIRY;
    }

    @Override
    public List<ItemResult> apply(List<ItemEnvelope> items) {
        AccountBook book = AccountBook.open(ledger, items.stream().map(CustomerKey::of).toList(), 0, clock.instant());
        return items.stream().map(item -> {
            CustomerKey customer = CustomerKey.of(item);
            if (!book.exists(customer)) {
                return ItemOutcomes.customerNotFound(item);
            }
            return ItemResult.success(item.index(), item.customerId(), "Balance retrieved successfully",
                    book.balance(customer).payload(programs.of(item.tenantId())));
        }).toList();
    }
}
