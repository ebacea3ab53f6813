package io.loyaltybatch.worker.event;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Events in the {@code customer_events} table. */
@Component
class JdbcEventStore implements EventStore {

    private static final String INSERT = """
            INSERT INTO customer_events (tenant_id, customer_id, name, metadata, job_id, item_index)
            VALUES (?, ?, ?, ?::jsonb, ?, ?)""";

    private final JdbcTemplate jdbc;

    JdbcEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(List<CustomerEvent> events) {
        jdbc.batchUpdate(
                INSERT,
                events.stream()
                        .map(e -> new Object[] {
                            e.tenantId(), e.customerId(), e.name(), e.metadataJson(), e.jobId(), e.itemIndex()
                        })
                        .toList());
    }
}
