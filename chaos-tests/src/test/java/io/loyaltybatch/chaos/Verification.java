package io.loyaltybatch.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.PostgresEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The end-of-scenario checks: every job terminal with its counts adding up, every item's effect exactly once in
 * PostgreSQL, Redis counters equal to what the ledger recorded, and every balance equal to the one computed by the
 * workload.
 */
final class Verification {

    /** What a scenario found: items whose effect is missing, and effects found more than once. */
    record Figures(long lost, long doubled) {}

    private final PostgresEngine postgres;

    Verification(PostgresEngine postgres) {
        this.postgres = postgres;
    }

    Figures verify(Workload workload) throws SQLException {
        long lost = 0;
        long doubled = 0;
        Map<Long, int[]> counters = workload.counters();
        try (Connection db = postgres.connect()) {
            for (Workload.Job job : workload.jobs()) {
                int[] c = counters.get(job.jobId());
                assertThat(c[4])
                        .as("job %d (%s) completed", job.jobId(), job.type())
                        .isEqualTo(1);
                assertThat(c[0] + c[1] + c[2])
                        .as("counts of job %d", job.jobId())
                        .isEqualTo(c[3]);
                long processed = count(db, "SELECT count(*) FROM processed_items WHERE job_id = ?", job.jobId());
                long succeeded = count(
                        db,
                        "SELECT count(*) FROM processed_items WHERE job_id = ?"
                                + " AND (result::jsonb ->> 'ok')::boolean",
                        job.jobId());
                assertThat(c[0])
                        .as("Redis finishedCount of job %d equals the ledger's", job.jobId())
                        .isEqualTo(succeeded);
                assertThat(c[1])
                        .as("Redis errorCount of job %d equals the ledger's", job.jobId())
                        .isEqualTo(processed - succeeded);
                long effects = job.effectTable() == null
                        ? count(db, "SELECT count(*) FROM processed_items WHERE job_id = ?", job.jobId())
                        : count(db, "SELECT count(*) FROM " + job.effectTable() + " WHERE job_id = ?", job.jobId());
                lost += Math.max(0, Workload.ITEMS - effects);
                doubled += Math.max(0, effects - Workload.ITEMS);
                assertThat(count(
                                db,
                                "SELECT count(*) FROM processed_items WHERE job_id = ?"
                                        + " AND result::jsonb ->> 'code' = 'ITEM_NOT_PROCESSED'",
                                job.jobId()))
                        .as("items of job %d reported 5000", job.jobId())
                        .isZero();
            }
            Map<String, Long> balances = new HashMap<>();
            Map<String, Long> ledger = new HashMap<>();
            try (PreparedStatement statement = db.prepareStatement("""
                    SELECT c.customer_id, c.available_points,
                           (SELECT COALESCE(sum(points), 0) FROM points_ledger l
                            WHERE l.tenant_id = c.tenant_id AND l.customer_id = c.customer_id)
                    FROM customers c WHERE c.tenant_id = 'demo' AND c.customer_id = ANY (?)""")) {
                statement.setArray(
                        1,
                        db.createArrayOf(
                                "text", workload.expectedBalances().keySet().toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        balances.put(rows.getString(1), rows.getLong(2));
                        ledger.put(rows.getString(1), rows.getLong(3));
                    }
                }
            }
            assertThat(balances).isEqualTo(workload.expectedBalances());
            assertThat(ledger).isEqualTo(workload.expectedBalances());
        }
        assertThat(lost).as("lost").isZero();
        assertThat(doubled).as("doubled").isZero();
        return new Figures(lost, doubled);
    }

    private static long count(Connection db, String sql, long jobId) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, jobId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
