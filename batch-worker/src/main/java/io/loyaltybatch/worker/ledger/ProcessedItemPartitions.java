package io.loyaltybatch.worker.ledger;

import io.loyaltybatch.schema.JobIdBlocks;
import io.loyaltybatch.support.ScheduledTasks;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code processed_items}, partitioned by ranges of job ids (migration V5), at a cost that does not grow with
 * its age. At start and every {@code loyalty.ledger.purge-interval}, one worker at a time:
 *
 * <ul>
 *   <li>creates the next range before the job id sequence gets near the end of the last one, so items are written
 *       to a partition of their own range (ids no range holds go to the default partition);
 *   <li>drops each range the sequence went past longer ago than the retention plus {@link JobIdBlocks#MAX_AGE} (by
 *       then no item of its jobs was recorded within the retention): one {@code DROP TABLE}, not a delete per row;
 *   <li>deletes rows of the default partition, and records of ended jobs, older than the retention, in batches.
 * </ul>
 *
 * A record is what makes a redelivered item re-report instead of re-apply, so the retention must stay longer than
 * the items topic keeps its records (7 days by default in Kafka). The effects themselves (ledger rows, orders,
 * transactions) are never purged. The DDL waits at most {@link #LOCK_TIMEOUT} for its locks and is tried again at the
 * next run, so writers are never held up for longer.
 */
@Component
class ProcessedItemPartitions implements SchedulingConfigurer {

    /** The maintenance of one worker at a time: a transaction-level advisory lock of this key. */
    private static final long MAINTENANCE_LOCK = 0x7072_6f63_6974_656dL;

    private static final String LOCK_TIMEOUT = "2s";
    private static final int BATCH = 10_000;
    private static final String NEXT_BLOCK = "SELECT last_value FROM job_ids";
    private static final String MARK_PASSED =
            "UPDATE processed_item_ranges SET passed_at = now() WHERE passed_at IS NULL AND high <= ?";
    private static final String HIGHEST = "SELECT coalesce(max(high), 0) FROM processed_item_ranges";
    private static final String HIGHEST_OUTSIDE = "SELECT coalesce(max(job_id), 0) FROM processed_items_outside_ranges";
    private static final String PAST_RETENTION = """
            SELECT partition_name FROM processed_item_ranges
            WHERE passed_at < now() - make_interval(secs => ?) ORDER BY low""";
    private static final String PURGE_OUTSIDE = """
            DELETE FROM processed_items_outside_ranges WHERE ctid IN (
                SELECT ctid FROM processed_items_outside_ranges
                WHERE processed_at < now() - make_interval(secs => ?) LIMIT ?)""";
    private static final String PURGE_ENDS = """
            DELETE FROM job_ends WHERE ctid IN (
                SELECT ctid FROM job_ends WHERE ended_at < now() - make_interval(secs => ?) LIMIT ?)""";

    private static final Logger log = LoggerFactory.getLogger(ProcessedItemPartitions.class);

    /** What a run did. */
    record Maintenance(List<String> created, List<String> dropped, int purged) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final LedgerProperties properties;

    ProcessedItemPartitions(JdbcTemplate jdbc, TransactionTemplate transaction, LedgerProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        ScheduledTasks.withFixedDelay(
                tasks,
                log,
                "The processed_items maintenance",
                properties.purgeInterval(),
                Duration.ZERO,
                this::runLogged);
    }

    private void runLogged() {
        Maintenance done = maintain();
        if (!done.created().isEmpty() || !done.dropped().isEmpty() || done.purged() > 0) {
            log.info(
                    "processed_items: created {}, dropped {} (past the retention of {}), deleted {} old row(s)",
                    done.created(),
                    done.dropped(),
                    properties.processedItemsRetention(),
                    done.purged());
        }
    }

    /** One run; a run while another worker's is under way does nothing. */
    Maintenance maintain() {
        List<String> created = inLockedTransaction(this::createAhead);
        if (created == null) {
            return new Maintenance(List.of(), List.of(), 0);
        }
        double dropAfter = (double)
                properties.processedItemsRetention().plus(JobIdBlocks.MAX_AGE).toSeconds();
        List<String> dropped = jdbc.queryForList(PAST_RETENTION, String.class, dropAfter).stream()
                .filter(this::drop)
                .toList();
        return new Maintenance(created, dropped, purgeOutsideRanges());
    }

    /** Marks the ranges the sequence went past, and creates the next range if the last one ends too soon. */
    private List<String> createAhead() {
        long lastBlock = jdbc.queryForObject(NEXT_BLOCK, Long.class);
        jdbc.update(MARK_PASSED, lastBlock);
        long handedOutBelow = lastBlock + JobIdBlocks.SIZE;
        long width = properties.jobIdsPerPartition();
        long highest = jdbc.queryForObject(HIGHEST, Long.class);
        if (highest - handedOutBelow >= width / 2) {
            return List.of();
        }
        // rows of ids no range held went to the default partition; a new range must not hold any of them
        long low = Math.max(highest, jdbc.queryForObject(HIGHEST_OUTSIDE, Long.class) + 1);
        long high = Math.max(low, handedOutBelow) + width;
        String name = "processed_items_" + low;
        jdbc.execute("CREATE TABLE " + name + " (LIKE processed_items INCLUDING DEFAULTS)");
        jdbc.execute("ALTER TABLE processed_items ATTACH PARTITION " + name + " FOR VALUES FROM (" + low + ") TO ("
                + high + ")");
        jdbc.update("INSERT INTO processed_item_ranges (partition_name, low, high) VALUES (?, ?, ?)", name, low, high);
        return List.of(name);
    }

    private boolean drop(String partition) {
        Boolean dropped = inLockedTransaction(() -> {
            jdbc.execute("DROP TABLE " + partition);
            jdbc.update("DELETE FROM processed_item_ranges WHERE partition_name = ?", partition);
            return true;
        });
        return Boolean.TRUE.equals(dropped);
    }

    private int purgeOutsideRanges() {
        double retention = (double) properties.processedItemsRetention().toSeconds();
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(PURGE_OUTSIDE, retention, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        do {
            deleted = jdbc.update(PURGE_ENDS, retention, BATCH);
        } while (deleted == BATCH);
        return total;
    }

    /** Runs {@code work} in a transaction holding the maintenance lock; null if another worker holds it. */
    private <T> T inLockedTransaction(Supplier<T> work) {
        return transaction.execute(status -> {
            if (!Boolean.TRUE.equals(
                    jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, MAINTENANCE_LOCK))) {
                return null;
            }
            jdbc.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            return work.get();
        });
    }
}
