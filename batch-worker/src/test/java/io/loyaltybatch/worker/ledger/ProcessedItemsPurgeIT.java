package io.loyaltybatch.worker.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.worker.OnSharedEngines;
import io.loyaltybatch.worker.WorkerFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Old records of processed items go; recent ones, which redeliveries may still need, stay. */
@SpringBootTest(
        properties = {"loyalty.items-topic.name=purge-it.items", "loyalty.ledger.processed-items-retention=10d"})
class ProcessedItemsPurgeIT extends OnSharedEngines {

    @Autowired
    ProcessedItemsPurge purge;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void recordsOlderThanTheRetentionArePurged() {
        long oldJob = WorkerFixture.newJobId();
        long recentJob = WorkerFixture.newJobId();
        jdbc.update(
                "INSERT INTO processed_items (job_id, item_index, tenant_id, result, processed_at)"
                        + " VALUES (?, 0, 'acme', '{}', now() - interval '11 days')",
                oldJob);
        jdbc.update(
                "INSERT INTO processed_items (job_id, item_index, tenant_id, result, processed_at)"
                        + " VALUES (?, 0, 'acme', '{}', now() - interval '9 days')",
                recentJob);

        assertThat(purge.purge()).isPositive();

        assertThat(count(oldJob)).isZero();
        assertThat(count(recentJob)).isEqualTo(1);
    }

    private long count(long jobId) {
        return jdbc.queryForObject("SELECT count(*) FROM processed_items WHERE job_id = ?", Long.class, jobId);
    }
}
