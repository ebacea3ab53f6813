package io.loyaltybatch.worker.ledger;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes {@code processed_items} rows (and the {@code job_ends} records of ended jobs) older than {@code loyalty.ledger.processed-items-retention} (30 days by
 * default), in small batches. A row is what makes a redelivered item re-report instead of re-apply, so the retention
 * must stay longer than the items topic keeps its records (7 days by default in Kafka). The effects themselves
 * (ledger rows, orders, transactions) are never purged.
 */
@Component
class ProcessedItemsPurge implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ProcessedItemsPurge.class);
    private static final int BATCH = 10_000;
    private static final String PURGE = """
            DELETE FROM processed_items WHERE ctid IN (
                SELECT ctid FROM processed_items WHERE processed_at < now() - make_interval(secs => ?) LIMIT ?)""";
    private static final String PURGE_ENDS = """
            DELETE FROM job_ends WHERE ctid IN (
                SELECT ctid FROM job_ends WHERE ended_at < now() - make_interval(secs => ?) LIMIT ?)""";

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Duration interval;

    ProcessedItemsPurge(JdbcTemplate jdbc, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.retention = properties.processedItemsRetention();
        this.interval = properties.purgeInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::purge, interval, Duration.ofMinutes(5)));
    }

    int purge() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(PURGE, (double) retention.toSeconds(), BATCH);
            total += deleted;
        } while (deleted == BATCH);
        do {
            deleted = jdbc.update(PURGE_ENDS, (double) retention.toSeconds(), BATCH);
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Purged {} processed item record(s) older than {}", total, retention);
        }
        return total;
    }
}
