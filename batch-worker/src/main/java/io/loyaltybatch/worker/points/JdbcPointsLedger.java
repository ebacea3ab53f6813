package io.loyaltybatch.worker.points;

import io.loyaltybatch.model.Balance;
import io.loyaltybatch.worker.customer.CustomerKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    private static final String LOCK = """
            SELECT c.tenant_id, c.customer_id, c.available_points, c.total_earned_points,
                   COALESCE((SELECT sum(l.points) FROM points_ledger l
                             WHERE l.tenant_id = c.tenant_id AND l.customer_id = c.customer_id
                               AND NOT l.settled AND l.available_at <= ?), 0) AS due,
                   COALESCE((SELECT sum(l.points) FROM points_ledger l
                             WHERE l.tenant_id = c.tenant_id AND l.customer_id = c.customer_id
                               AND NOT l.settled AND l.available_at > ?), 0) AS pending
            FROM customers c
            JOIN unnest(?::text[], ?::text[]) AS k(tenant_id, customer_id)
              ON c.tenant_id = k.tenant_id AND c.customer_id = k.customer_id
            ORDER BY c.tenant_id, c.customer_id
            FOR UPDATE OF c""";
    private static final String SETTLE = """
            WITH due AS (
                UPDATE points_ledger l SET settled = true
                FROM unnest(?::text[], ?::text[]) AS k(tenant_id, customer_id)
                WHERE l.tenant_id = k.tenant_id AND l.customer_id = k.customer_id
                  AND NOT l.settled AND l.available_at <= ?
                RETURNING l.tenant_id, l.customer_id, l.points)
            UPDATE customers c SET available_points = c.available_points + d.points
            FROM (SELECT tenant_id, customer_id, sum(points) AS points FROM due GROUP BY 1, 2) d
            WHERE c.tenant_id = d.tenant_id AND c.customer_id = d.customer_id""";
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
        Timestamp at = Timestamp.from(now);
        List<CustomerKey> due = new ArrayList<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(LOCK);
                    statement.setTimestamp(1, at);
                    statement.setTimestamp(2, at);
                    statement.setArray(
                            3,
                            texts(
                                    connection,
                                    customers.stream()
                                            .map(CustomerKey::tenantId)
                                            .toList()));
                    statement.setArray(
                            4,
                            texts(
                                    connection,
                                    customers.stream()
                                            .map(CustomerKey::customerId)
                                            .toList()));
                    return statement;
                },
                row -> {
                    CustomerKey key = new CustomerKey(row.getString(1), row.getString(2));
                    long duePoints = row.getLong(5);
                    if (duePoints != 0) {
                        due.add(key);
                    }
                    balances.put(key, new Balance(row.getLong(3) + duePoints, row.getLong(6), row.getLong(4)));
                });
        if (!due.isEmpty()) {
            jdbc.update(connection -> {
                PreparedStatement statement = connection.prepareStatement(SETTLE);
                statement.setArray(
                        1,
                        texts(
                                connection,
                                due.stream().map(CustomerKey::tenantId).toList()));
                statement.setArray(
                        2,
                        texts(
                                connection,
                                due.stream().map(CustomerKey::customerId).toList()));
                statement.setTimestamp(3, at);
                return statement;
            });
        }
        return balances;
    }

    @Override
    public void createCustomers(Collection<CustomerKey> customers) {
        if (customers.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(CREATE);
            statement.setArray(
                    1,
                    texts(
                            connection,
                            customers.stream().map(CustomerKey::tenantId).toList()));
            statement.setArray(
                    2,
                    texts(
                            connection,
                            customers.stream().map(CustomerKey::customerId).toList()));
            return statement;
        });
    }

    @Override
    public void record(List<Movement> movements) {
        if (movements.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(INSERT_MOVEMENTS);
            statement.setArray(
                    1,
                    array(
                            connection,
                            "bigint",
                            movements.stream().map(Movement::id).toList()));
            statement.setArray(
                    2,
                    texts(
                            connection,
                            movements.stream().map(m -> m.customer().tenantId()).toList()));
            statement.setArray(
                    3,
                    texts(
                            connection,
                            movements.stream()
                                    .map(m -> m.customer().customerId())
                                    .toList()));
            statement.setArray(
                    4,
                    texts(
                            connection,
                            movements.stream().map(m -> m.kind().name()).toList()));
            statement.setArray(
                    5,
                    array(
                            connection,
                            "bigint",
                            movements.stream().map(Movement::points).toList()));
            statement.setArray(
                    6,
                    array(
                            connection,
                            "timestamptz",
                            movements.stream()
                                    .map(m -> Timestamp.from(m.availableAt()))
                                    .toList()));
            statement.setArray(
                    7,
                    array(
                            connection,
                            "boolean",
                            movements.stream().map(Movement::settled).toList()));
            statement.setArray(
                    8,
                    texts(
                            connection,
                            movements.stream().map(Movement::sourceType).toList()));
            statement.setArray(
                    9,
                    texts(connection, movements.stream().map(Movement::sourceId).toList()));
            statement.setArray(
                    10,
                    array(
                            connection,
                            "bigint",
                            movements.stream().map(Movement::jobId).toList()));
            statement.setArray(
                    11,
                    array(
                            connection,
                            "integer",
                            movements.stream().map(Movement::itemIndex).toList()));
            return statement;
        });
        applyBalances(movements);
    }

    private void applyBalances(List<Movement> movements) {
        Map<CustomerKey, long[]> deltas = new LinkedHashMap<>();
        for (Movement movement : movements) {
            long[] delta = deltas.computeIfAbsent(movement.customer(), key -> new long[2]);
            if (movement.settled()) {
                delta[0] += movement.points();
            }
            if (movement.kind() == MovementKind.EARN || movement.kind() == MovementKind.PENDING_EARN) {
                delta[1] += movement.points();
            }
        }
        List<CustomerKey> keys = new ArrayList<>(deltas.keySet());
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(APPLY_BALANCES);
            statement.setArray(
                    1,
                    texts(connection, keys.stream().map(CustomerKey::tenantId).toList()));
            statement.setArray(
                    2,
                    texts(connection, keys.stream().map(CustomerKey::customerId).toList()));
            statement.setArray(
                    3,
                    array(
                            connection,
                            "bigint",
                            keys.stream().map(k -> deltas.get(k)[0]).toList()));
            statement.setArray(
                    4,
                    array(
                            connection,
                            "bigint",
                            keys.stream().map(k -> deltas.get(k)[1]).toList()));
            return statement;
        });
    }

    private static java.sql.Array texts(Connection connection, List<String> values) throws SQLException {
        return array(connection, "text", values);
    }

    private static java.sql.Array array(Connection connection, String type, List<?> values) throws SQLException {
        return connection.createArrayOf(type, values.toArray());
    }
}
