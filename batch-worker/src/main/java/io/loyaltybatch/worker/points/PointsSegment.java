package io.loyaltybatch.worker.points;

import io.loyaltybatch.model.ItemRef;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.worker.customer.CustomerKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A segment of items that each carry an id unique in their tenant (an order id, a transaction id) and move one
 * customer's points: the step the order, cashback and redeem kinds share. Each item passes the same admission (its id
 * is not taken, by an earlier record or an earlier item of the segment; its customer is known, or created where that
 * is allowed), then earns or spends on the segment's {@link AccountBook}.
 *
 * @param <K> the uniqueness key of an item's id
 */
public final class PointsSegment<K> {

    /** What became of one item: a movement of {@code points} (never negative), or the result it was refused with. */
    public record Move(Movement movement, long points, ItemResult refusal) {

        public boolean refused() {
            return refusal != null;
        }

        static Move refused(ItemResult refusal) {
            return new Move(null, 0, refusal);
        }
    }

    private final AccountBooks books;
    private final AccountBook book;
    private final Set<K> taken;
    private final Function<ItemRef, ItemResult> duplicate;

    private PointsSegment(
            AccountBooks books, AccountBook book, Collection<K> taken, Function<ItemRef, ItemResult> duplicate) {
        this.books = books;
        this.book = book;
        this.taken = new HashSet<>(taken);
        this.duplicate = duplicate;
    }

    /**
     * Locks the items' accounts.
     *
     * @param taken     the items' keys that are already recorded
     * @param duplicate the result of an item whose id is taken
     */
    public static <K> PointsSegment<K> open(
            AccountBooks books,
            List<? extends ItemRef> items,
            Collection<K> taken,
            Function<ItemRef, ItemResult> duplicate) {
        return new PointsSegment<>(books, books.lock(items), taken, duplicate);
    }

    public ProgramSettings program(ItemRef item) {
        return books.program(item);
    }

    /**
     * Earns the points {@code amount} is worth under the tenant's program, pending inside its return window from
     * {@code at}. Refuses a taken id, and a customer who does not exist unless the program creates customers.
     */
    public Move earn(ItemRef item, K key, BigDecimal amount, Instant at, AccountBook.Source source) {
        ProgramSettings program = program(item);
        Optional<ItemResult> refusal = admission(item, key, program.autoCreateCustomers());
        if (refusal.isPresent()) {
            return Move.refused(refusal.get());
        }
        CustomerKey customer = CustomerKey.of(item);
        book.createIfMissing(customer);
        long points = program.pointsEarnedOn(amount);
        taken.add(key);
        return new Move(book.earn(customer, points, at, program.returnWindowDays(), source), points, null);
    }

    /**
     * Spends {@code points} from the available balance. Refuses a taken id, a customer who does not exist and a
     * balance that is too small; a refused item leaves its id free.
     */
    public Move spend(ItemRef item, K key, long points, MovementKind kind, AccountBook.Source source) {
        Optional<ItemResult> refusal = admission(item, key, false);
        if (refusal.isPresent()) {
            return Move.refused(refusal.get());
        }
        Optional<Movement> spent = book.debit(CustomerKey.of(item), points, kind, source);
        if (spent.isEmpty()) {
            return Move.refused(ItemOutcomes.insufficientBalance(item));
        }
        taken.add(key);
        return new Move(spent.get(), points, null);
    }

    /** Writes what the segment's items did to the accounts. */
    public void flush() {
        book.flush();
    }

    private Optional<ItemResult> admission(ItemRef item, K key, boolean createsCustomer) {
        if (taken.contains(key)) {
            return Optional.of(duplicate.apply(item));
        }
        if (!createsCustomer && !book.exists(CustomerKey.of(item))) {
            return Optional.of(ItemOutcomes.customerNotFound(item));
        }
        return Optional.empty();
    }
}
