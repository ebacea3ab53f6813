package io.loyaltybatch.worker.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.model.Balance;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import io.loyaltybatch.worker.customer.CustomerKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AccountBookTest {

    private static final CustomerKey ALICE = new CustomerKey("acme", "alice");
    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    /** A ledger in memory holding one customer's balance. */
    private static final class OneAccount implements PointsLedger {
        final Balance balance;
        final List<Movement> recorded = new ArrayList<>();

        OneAccount(Balance balance) {
            this.balance = balance;
        }

        @Override
        public List<Long> allocateIds(int count) {
            return LongStream.rangeClosed(1, count).boxed().toList();
        }

        @Override
        public Map<CustomerKey, Balance> lockAccounts(Collection<CustomerKey> customers, Instant now) {
            return Map.of(ALICE, balance);
        }

        @Override
        public void createCustomers(Collection<CustomerKey> customers) {}

        @Override
        public void record(List<Movement> movements) {
            recorded.addAll(movements);
        }
    }

    private static AccountBook book(Balance balance) {
        return AccountBook.open(new OneAccount(balance), List.of(ALICE), 4, NOW);
    }

    private static AccountBook.Source source() {
        ItemEnvelope item = ItemEnvelope.of(
                "acme", 1, 0, ItemType.BALANCE_ADJUSTMENT, "alice", new LedgerItems.BalanceAdjustment(5, null));
        return new AccountBook.Source("adjustment", null, item);
    }

    @Test
    void aDebitOfLongMinValueIsRefusedNotTurnedIntoACredit() {
        AccountBook book = book(new Balance(100, 0, 100));

        assertThatThrownBy(() -> book.debit(ALICE, Long.MIN_VALUE, MovementKind.ADJUSTMENT_DOWN, source()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(book.balance(ALICE).available()).isEqualTo(100);
    }

    @Test
    void aCreditThatWouldOverflowTheBalanceIsAnErrorNotAWrappedBalance() {
        AccountBook book = book(new Balance(Long.MAX_VALUE - 5, 0, 0));

        assertThatThrownBy(() -> book.credit(ALICE, 10, source())).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> book.earn(ALICE, 10, NOW, 0, source())).isInstanceOf(ArithmeticException.class);
        assertThat(book.balance(ALICE).available()).isEqualTo(Long.MAX_VALUE - 5);
    }
}
