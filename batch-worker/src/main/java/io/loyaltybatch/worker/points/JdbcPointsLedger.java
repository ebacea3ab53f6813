package io.loyaltybatch.worker.points;

import static io.loyaltybatch.worker.jdbc.PostgresArrays.bigint;
import static io.loyaltybatch.worker.jdbc.PostgresArrays.bool;
import static io.loyaltybatch.worker.jdbc.PostgresArrays.integer;
import static io.loyaltybatch.worker.jdbc.PostgresArrays.text;
import static io.loyaltybatch.worker.jdbc.PostgresArrays.timestamptz;

import io.loyaltybatch.model.Balance;
import io.loyaltybatch.worker.customer.CustomerKey;
import io.loyaltybatch.worker.jdbc.PostgresArrays;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The points ledger in PostgreSQL: {@code points_ledger} rows and the balance columns of {@code customers}. */
@Component
class JdbcPointsLedger implements PointsLedger {

    private static final String ALLOCATE = "SELECT nextval('points_ledger_id_seq') FROM generate_series(1, ?)";
    /** Locks first: the balances must be read with a snapshot taken after the locks are held. */
    private static final String LOCK = """
            SELECT c.tenant_id, c.customer_id FROM customers c
            JOIN unnest(?::text[], ?::text[]) AS k(tenant_id, customer_id)
              ON c.tenant_id = k.tenant_id AND c.customer_id = k.customer_id
            ORDER BY c.tenant_id, c.customer_id
            FOR UPDATE OF c""";
    /**
     * Settles matured pending points and reads the balances, in one statement whose snapshot is younger than the
     * locks: a sweep that settled these customers while this transaction waited for their locks is seen, so its
     * points are not counted again.
     */
    private static final String SETTLE_AND_READ = """
            WITH due AS (
                UPDATE points_ledger l SET settled = true
                FROM unnest(?::text[], ?::text[]) AS k(tenant_id, customer_id)
                WHERE l.tenant_id = k.tenant_id AND l.customer_id = k.customer_id
                  AND NOT l.settled AND l.available_at <= ?
                RETURNING l.tenant_id, l.customer_id, l.points),
            settled AS (
                UPDATE customers c SET available_points = c.available_points + d.points
                FROM (SELECT tenant_id, customer_id, sum(points) AS points FROM due GROUP BY 1, 2) d
                WHERE c.tenant_id = d.tenant_id AND c.customer_id = d.customer_id
                RETURNING c.tenant_id, c.customer_id, c.available_points)
            SELECT c.tenant_id, c.customer_id, COALESCE(s.available_points, c.available_points), c.total_earned_points,
                   COALESCE((SELECT sum(l.points) FROM points_ledger l
                             WHERE l.tenant_id = c.tenant_id AND l.customer_id = c.customer_id
                               AND NOT l.settled AND l.available_at > ?), 0) AS pending
            FROM customers c
            JOIN unnest(?::text[], ?::text[]) AS k(tenant_id, customer_id)
              ON c.tenant_id = k.tenant_id AND c.customer_id = k.customer_id
            LEFT JOIN settled s ON s.tenant_id = c.tenant_id AND s.customer_id = c.customer_id""";

    private static final String CREATE = """
            INSERT INTO customers (tenant_id, customer_id)
            SELECT * FROM unnest(?::text[], ?::text[]) ORDER BY 1, 2
            ON CONFLICT DO NOTHING""";
    private static final String INSERT_MOVEMENTS = """
            INSERT INTO points_ledger (id, tenant_id, customer_id, kind, points, available_at, settled, source_type,
                                       source_id, job_id, item_index)
            SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::timestamptz[],
                                 ?::boolean[], ?::text[], ?::text[], ?::bigint[], ?::int[])""";
    private static final String APPLY_BALANCES = """
            UPDATE customers c
            SET available_points = c.available_points + d.available,
                total_earned_points = c.total_earned_points + d.earned,
                updated_at = now()
            FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS d(tenant_id, customer_id, available, earned)
            WHERE c.tenant_id = d.tenant_id AND c.customer_id = d.customer_id""";

    private final JdbcTemplate jdbc;

    JdbcPointsLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Long> allocateIds(int count) {
        return count == 0 ? List.of() : jdbc.queryForList(ALLOCATE, Long.class, count);
    }

    @Override
    public Map<CustomerKey, Balance> lockAccounts(Collection<CustomerKey> customers, Instant now) {
        Map<CustomerKey, Balance> balances = new HashMap<>();
        if (customers.isEmpty()) {
            return balances;
        }
        List<CustomerKey> existing = new ArrayList<>();
        PostgresArrays.query(
                jdbc,
                LOCK,
                row -> {
                    existing.add(new CustomerKey(row.getString(1), row.getString(2)));
                },
                tenants(customers),
                customerIds(customers));
        if (existing.isEmpty()) {
            return balances;
        }
        Timestamp at = Timestamp.from(now);
        PostgresArrays.query(
                jdbc,
                SETTLE_AND_READ,
                row -> {
                    balances.put(
                            new CustomerKey(row.getString(1), row.getString(2)),
                            new Balance(row.getLong(3), row.getLong(5), row.getLong(4)));
                },
                tenants(existing),
                customerIds(existing),
                at,
                at,
                tenants(existing),
                customerIds(existing));
        return balances;
    }

    @Override
    public void createCustomers(Collection<CustomerKey> customers) {
        if (!customers.isEmpty()) {
            PostgresArrays.update(jdbc, CREATE, tenants(customers), customerIds(customers));
        }
    }

    @Override
    public void record(List<Movement> movements) {
        if (movements.isEmpty()) {
            return;
        }
        PostgresArrays.update(
                jdbc,
                INSERT_MOVEMENTS,
                bigint(movements.stream().map(Movement::id).toList()),
                tenants(movements.stream().map(Movement::customer).toList()),
                customerIds(movements.stream().map(Movement::customer).toList()),
                text(movements.stream().map(m -> m.kind().name()).toList()),
                bigint(movements.stream().map(Movement::points).toList()),
                timestamptz(movements.stream()
                        .map(m -> Timestamp.from(m.availableAt()))
                        .toList()),
                bool(movements.stream().map(Movement::settled).toList()),
                text(movements.stream().map(Movement::sourceType).toList()),
                text(movements.stream().map(Movement::sourceId).toList()),
                bigint(movements.stream().map(Movement::jobId).toList()),
                integer(movements.stream().map(Movement::itemIndex).toList()));
        applyBalances(movements);
    }

    private void applyBalances(List<Movement> movements) {
        Map<CustomerKey, long[]> deltas = new LinkedHashMap<>();
        for (Movement movement : movements) {
            long[] delta = deltas.computeIfAbsent(movement.customer(), key -> new long[2]);
            if (movement.settled()) {
                delta[0] = Math.addExact(delta[0], movement.points());
            }
            if (movement.kind() == MovementKind.EARN || movement.kind() == MovementKind.PENDING_EARN) {
                delta[1] = Math.addExact(delta[1], movement.points());
            }
        }
        List<CustomerKey> keys = new ArrayList<>(deltas.keySet());
        PostgresArrays.update(
                jdbc,
                APPLY_BALANCES,
                tenants(keys),
                customerIds(keys),
                bigint(keys.stream().map(k -> deltas.get(k)[0]).toList()),
                bigint(keys.stream().map(k -> deltas.get(k)[1]).toList()));
    }

    private static PostgresArrays.Column tenants(Collection<CustomerKey> customers) {
        return text(customers.stream().map(CustomerKey::tenantId).toList());
    }

    private static PostgresArrays.Column customerIds(Collection<CustomerKey> customers) {
        return text(customers.stream().map(CustomerKey::customerId).toList());
    }
}
