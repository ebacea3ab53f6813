package io.loyaltybatch.worker.points;

import io.loyaltybatch.model.Balance;
import io.loyaltybatch.worker.customer.CustomerKey;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Customer balances and the rows that move them. Runs inside the caller's transaction; each method is one round
 * trip. The store itself refuses a negative available balance, whatever the caller computed.
 */
public interface PointsLedger {

    /** Reserves ids for movements about to be written. */
    List<Long> allocateIds(int count);

    /**
     * Locks the accounts of these customers (in a fixed order, so concurrent writers cannot deadlock on them) and
     * moves pending points whose return window has passed into the available balance.
     *
     * @return the balance of each customer that exists
     */
    Map<CustomerKey, Balance> lockAccounts(Collection<CustomerKey> customers, Instant now);

    /** Creates customers with empty profiles; existing ones are left as they are. */
    void createCustomers(Collection<CustomerKey> customers);

    /** Writes the movements and changes each customer's balance by their sum, in one step. */
    void record(List<Movement> movements);
}
