package io.loyaltybatch.worker.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.PostgresEngine;
import io.loyaltybatch.schema.JobIdBlocks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partitions of {@code processed_items} on a real PostgreSQL server, each test in a database of its own, so the
 * job id sequence is under the test's control.
 */
class ProcessedItemPartitionsIT {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final long WIDTH = 2 * JobIdBlocks.SIZE;

    JdbcTemplate jdbc;
    DriverManagerDataSource dataSource;
    ProcessedItemPartitions partitions;

    @BeforeEach
    void freshDatabase() throws SQLException {
        PostgresEngine postgres = LocalEngines.shared().postgres();
        String name = "partitions_it_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection db = postgres.connect();
                Statement sql = db.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
        }
        String url = postgres.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
        dataSource = new DriverManagerDataSource(url, postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        partitions = new ProcessedItemPartitions(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new LedgerProperties(Duration.ofDays(10), Duration.ofHours(1), WIDTH));
        // the first block is held by the range of the rows from before the ranges (V5)
        nextBlock();
    }

    @Test
    void theNextRangeIsCreatedAheadOfTheSequenceAndItemsAreWrittenIntoIt() {
        var first = partitions.maintain();
        assertThat(first.created()).hasSize(1);
        assertThat(partitions.maintain().created()).as("far enough ahead").isEmpty();

        long id = nextBlock();
        record(id);
        assertThat(partitionOf(id)).isEqualTo(first.created().get(0));

        nextBlock();
        var second = partitions.maintain();
        assertThat(second.created())
                .as("the sequence got near the end of the range")
                .hasSize(1);
        long bound = highOf(first.created().get(0));
        assertThat(lowOf(second.created().get(0))).isEqualTo(bound);
        assertThat(highOf(second.created().get(0))).isGreaterThanOrEqualTo(lastBlock() + JobIdBlocks.SIZE + WIDTH / 2);

        while (lastBlock() < bound) {
            nextBlock();
        }
        partitions.maintain();
        assertThat(passed(first.created().get(0)))
                .as("the sequence went past it")
                .isTrue();
        assertThat(passed(second.created().get(0))).isFalse();
    }

    @Test
    void aRangeIsDroppedWholeOnlyOnceTheSequencePassedItLongerAgoThanTheRetentionAndTheAgeOfABlock() {
        String range = partitions.maintain().created().get(0);
        long id = nextBlock();
        record(id);

        passedAgo(range, Duration.ofDays(10).plus(JobIdBlocks.MAX_AGE).minusMinutes(1));
        assertThat(partitions.maintain().dropped()).isEmpty();
        assertThat(rows(id)).isEqualTo(1);

        passedAgo(range, Duration.ofDays(10).plus(JobIdBlocks.MAX_AGE).plusMinutes(1));
        assertThat(partitions.maintain().dropped()).containsExactly(range);
        assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class, range))
                .isTrue();
        assertThat(rows(id)).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM processed_item_ranges WHERE partition_name = ?", Long.class, range))
                .isZero();
    }

    @Test
    void rowsOutsideTheRangesAndRecordsOfEndedJobsAreDeletedAfterTheRetention() {
        partitions.maintain();
        long outside = highest() + 10;
        jdbc.update(
                "INSERT INTO processed_items (job_id, item_index, tenant_id, result, processed_at) VALUES"
                        + " (?, 0, 'acme', '{}', now() - interval '11 days'),"
                        + " (?, 1, 'acme', '{}', now() - interval '9 days')",
                outside,
                outside);
        jdbc.update("INSERT INTO job_ends (job_id, tenant_id, reason, ended_at) VALUES"
                + " (1, 'acme', 'stopped', now() - interval '11 days'),"
                + " (2, 'acme', 'stopped', now() - interval '9 days')");
        assertThat(partitionOf(outside)).isEqualTo("processed_items_outside_ranges");

        assertThat(partitions.maintain().purged()).isEqualTo(1);

        assertThat(jdbc.queryForList("SELECT item_index FROM processed_items WHERE job_id = ?", Integer.class, outside))
                .containsExactly(1);
        assertThat(jdbc.queryForList("SELECT job_id FROM job_ends", Long.class)).containsExactly(2L);
    }

    @Test
    void aNewRangeStartsAboveEveryRowOutsideTheRanges() {
        partitions.maintain();
        long outside = highest() + 10;
        record(outside);
        while (highest() - (lastBlock() + JobIdBlocks.SIZE) >= WIDTH / 2) {
            nextBlock();
        }

        String created = partitions.maintain().created().get(0);

        assertThat(lowOf(created)).isEqualTo(outside + 1);
        assertThat(partitionOf(outside)).isEqualTo("processed_items_outside_ranges");
    }

    @Test
    void aRunWhileAnotherWorkerMaintainsDoesNothing() throws SQLException {
        try (Connection other = dataSource.getConnection();
                Statement sql = other.createStatement()) {
            other.setAutoCommit(false);
            sql.execute("SELECT pg_advisory_xact_lock(" + 0x7072_6f63_6974_656dL + ")");

            var run = partitions.maintain();

            assertThat(run.created()).isEmpty();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_item_ranges", Long.class))
                    .isEqualTo(1);
            other.rollback();
        }
        assertThat(partitions.maintain().created()).hasSize(1);
    }

    private long nextBlock() {
        return jdbc.queryForObject("SELECT nextval('job_ids')", Long.class);
    }

    private long lastBlock() {
        return jdbc.queryForObject("SELECT last_value FROM job_ids", Long.class);
    }

    private long highest() {
        return jdbc.queryForObject("SELECT max(high) FROM processed_item_ranges", Long.class);
    }

    private void record(long jobId) {
        jdbc.update(
                "INSERT INTO processed_items (job_id, item_index, tenant_id, result) VALUES (?, 0, 'acme', '{}')",
                jobId);
    }

    private long rows(long jobId) {
        return jdbc.queryForObject("SELECT count(*) FROM processed_items WHERE job_id = ?", Long.class, jobId);
    }

    private String partitionOf(long jobId) {
        return jdbc.queryForObject(
                "SELECT tableoid::regclass::text FROM processed_items WHERE job_id = ? LIMIT 1", String.class, jobId);
    }

    private long lowOf(String partition) {
        return jdbc.queryForObject(
                "SELECT low FROM processed_item_ranges WHERE partition_name = ?", Long.class, partition);
    }

    private long highOf(String partition) {
        return jdbc.queryForObject(
                "SELECT high FROM processed_item_ranges WHERE partition_name = ?", Long.class, partition);
    }

    private boolean passed(String partition) {
        return jdbc.queryForObject(
                "SELECT passed_at IS NOT NULL FROM processed_item_ranges WHERE partition_name = ?",
                Boolean.class,
                partition);
    }

    private void passedAgo(String partition, Duration ago) {
        jdbc.update(
                "UPDATE processed_item_ranges SET passed_at = now() - make_interval(secs => ?) WHERE partition_name = ?",
                (double) ago.toSeconds(),
                partition);
    }
}
