package io.loyaltybatch.gateway.customer;

import io.loyaltybatch.model.Balance;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.JdbcFailures;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Customer profiles and balances from PostgreSQL, as the workers keep them. */
@Component
class JdbcCustomerQueries implements CustomerQueries {

    private static final String PROFILE = """
            SELECT customer_id, profile::text, created_at, updated_at FROM customers
            WHERE tenant_id = ? AND customer_id = ?""";
    private static final String BALANCE = """
            SELECT c.available_points
                     + COALESCE(sum(l.points) FILTER (WHERE l.available_at <= ?), 0) AS available,
                   COALESCE(sum(l.points) FILTER (WHERE l.available_at > ?), 0) AS pending,
                   c.total_earned_points
            FROM customers c
            LEFT JOIN points_ledger l
              ON l.tenant_id = c.tenant_id AND l.customer_id = c.customer_id AND NOT l.settled
            WHERE c.tenant_id = ? AND c.customer_id = ?
            GROUP BY c.tenant_id, c.customer_id, c.available_points, c.total_earned_points""";

    private final JdbcTemplate jdbc;

    JdbcCustomerQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredCustomer> find(String tenantId, String customerId) {
        return JdbcFailures.call(() -> jdbc
                .query(
                        PROFILE,
                        (row, n) -> new StoredCustomer(
                                row.getString(1),
                                WireCodec.mapper().readTree(row.getString(2)),
                                row.getTimestamp(3).toInstant(),
                                row.getTimestamp(4).toInstant()),
                        tenantId,
                        customerId)
                .stream()
                .findFirst());
    }

    @Override
    public Optional<Balance> balance(String tenantId, String customerId, Instant now) {
        Timestamp at = Timestamp.from(now);
        return JdbcFailures.call(() -> jdbc
                .query(
                        BALANCE,
                        (row, n) -> new Balance(row.getLong(1), row.getLong(2), row.getLong(3)),
                        at,
                        at,
                        tenantId,
                        customerId)
                .stream()
                .findFirst());
    }
}
