package io.loyaltybatch.worker.points;

import io.loyaltybatch.model.Balance;
import io.loyaltybatch.model.ItemRef;
import io.loyaltybatch.worker.customer.CustomerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts of one segment of items, locked and loaded once, changed in memory item by item in submission
 * order, and written back in one {@link #flush()}. A handler sees every earlier item's effect on a customer.
 */
public final class AccountBook {

    private final PointsLedger ledger;
    private final Instant now;
    private final Map<CustomerKey, Balance> balances;
    private final Set<CustomerKey> created = new LinkedHashSet<>();
    private final List<Movement> movements = new ArrayList<>();
    private final Deque<Long> ids;

    private AccountBook(PointsLedger ledger, Instant now, Map<CustomerKey, Balance> balances, List<Long> ids) {
        this.ledger = ledger;
        this.now = now;
        this.balances = new HashMap<>(balances);
        this.ids = new ArrayDeque<>(ids);
    }

    /**
     * @param maxMovements how many movements the segment may write at most (one per item for every kind)
     */
    public static AccountBook open(
            PointsLedger ledger, Collection<CustomerKey> customers, int maxMovements, Instant now) {
        List<Long> ids = ledger.allocateIds(maxMovements);
        return new AccountBook(ledger, now, ledger.lockAccounts(new LinkedHashSet<>(customers), now), ids);
    }

    public Instant now() {
        return now;
    }

    public boolean exists(CustomerKey customer) {
        return balances.containsKey(customer);
    }

    /** Creates the customer (with an empty profile) when the book is flushed, unless it exists. */
    public void createIfMissing(CustomerKey customer) {
        if (!exists(customer)) {
            balances.put(customer, Balance.EMPTY);
            created.add(customer);
        }
    }

    public Balance balance(CustomerKey customer) {
        return balances.getOrDefault(customer, Balance.EMPTY);
    }

    /**
     * Earns points (never negative). With a return window they stay pending until {@code returnWindowDays} after {@code earnedAt};
     * without one they are spendable at once.
     */
    public Movement earn(CustomerKey customer, long points, Instant earnedAt, int returnWindowDays, Source source) {
        Instant availableAt = returnWindowDays == 0 ? now : earnedAt.plus(Duration.ofDays(returnWindowDays));
        boolean pending = availableAt.isAfter(now);
        requireNotNegative(points);
        Balance b = balance(customer);
        long totalEarned = Math.addExact(b.totalEarned(), points);
        balances.put(
                customer,
                pending
                        ? new Balance(b.available(), Math.addExact(b.pending(), points), totalEarned)
                        : new Balance(Math.addExact(b.available(), points), b.pending(), totalEarned));
        return add(
                customer,
                pending ? MovementKind.PENDING_EARN : MovementKind.EARN,
                points,
                pending ? availableAt : now,
                !pending,
                source);
    }

    /**
     * Adds points by hand (never negative); they are spendable at once but not counted as earned.
     *
     * @throws ArithmeticException if the balance would not fit a {@code long}
     */
    public Movement credit(CustomerKey customer, long points, Source source) {
        requireNotNegative(points);
        Balance b = balance(customer);
        balances.put(customer, new Balance(Math.addExact(b.available(), points), b.pending(), b.totalEarned()));
        return add(customer, MovementKind.ADJUSTMENT_UP, points, now, true, source);
    }

    /**
     * Takes points (never negative) from the available balance.
     *
     * @return the movement, or empty if the available balance is smaller than {@code points}
     */
    public Optional<Movement> debit(CustomerKey customer, long points, MovementKind kind, Source source) {
        requireNotNegative(points);
        Balance b = balance(customer);
        if (b.available() < points) {
            return Optional.empty();
        }
        balances.put(customer, new Balance(b.available() - points, b.pending(), b.totalEarned()));
        return Optional.of(add(customer, kind, -points, now, true, source));
    }

    private static void requireNotNegative(long points) {
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative: " + points);
        }
    }

    /** Writes created customers, then all movements and the balance changes they make. */
    public void flush() {
        ledger.createCustomers(created);
        ledger.record(movements);
    }

    private Movement add(
            CustomerKey customer, MovementKind kind, long points, Instant availableAt, boolean settled, Source source) {
        Long id = ids.poll();
        if (id == null) {
            throw new IllegalStateException("more movements than ids allocated for this segment");
        }
        Movement movement = new Movement(
                id,
                customer,
                kind,
                points,
                availableAt,
                settled,
                source.type(),
                source.id(),
                source.item().jobId(),
                source.item().index());
        movements.add(movement);
        return movement;
    }

    /** What causes a movement: its kind of source, the order or transaction id, and the item. */
    public record Source(String type, String id, ItemRef item) {}
}
