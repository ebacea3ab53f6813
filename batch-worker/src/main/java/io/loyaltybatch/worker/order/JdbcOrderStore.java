package io.loyaltybatch.worker.order;

import io.loyaltybatch.worker.jdbc.PostgresArrays;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Orders in the {@code orders} table. */
@Component
class JdbcOrderStore implements OrderStore {

    private static final String EXISTING = """
            SELECT o.tenant_id, o.order_id FROM orders o
            JOIN unnest(?::text[], ?::text[]) AS k(tenant_id, order_id)
              ON o.tenant_id = k.tenant_id AND o.order_id = k.order_id""";
    private static final String INSERT = """
            INSERT INTO orders (tenant_id, order_id, customer_id, order_date, total_paid, details, rewarded_points,
                                ledger_id, job_id, item_index)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    JdbcOrderStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<OrderKey> existing(Collection<OrderKey> orders) {
        Set<OrderKey> found = new HashSet<>();
        if (orders.isEmpty()) {
            return found;
        }
        PostgresArrays.query(
                jdbc,
                EXISTING,
                row -> {
                    found.add(new OrderKey(row.getString(1), row.getString(2)));
                },
                PostgresArrays.text(orders.stream().map(OrderKey::tenantId).toList()),
                PostgresArrays.text(orders.stream().map(OrderKey::orderId).toList()));
        return found;
    }

    @Override
    public void insert(List<TrackedOrder> orders) {
        jdbc.batchUpdate(
                INSERT,
                orders.stream()
                        .map(o -> new Object[] {
                            o.key().tenantId(),
                            o.key().orderId(),
                            o.customerId(),
                            Timestamp.from(o.orderDate()),
                            o.totalPaid(),
                            o.detailsJson(),
                            o.rewardedPoints(),
                            o.ledgerId(),
                            o.jobId(),
                            o.itemIndex()
                        })
                        .toList());
    }
}
