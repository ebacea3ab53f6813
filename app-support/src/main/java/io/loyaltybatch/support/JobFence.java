package io.loyaltybatch.support;

import io.loyaltybatch.schema.ItemStatements;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The advisory locks through which ending a job and applying its items exclude each other in PostgreSQL. Workers
 * take the shared lock of every job in a poll, in job id order, before they look up which jobs have ended, and hold
 * it to their commit; ending a job takes the exclusive lock first and records the end in {@code job_ends}. So from
 * the end's commit on, no further item of the job takes effect, and every item that took effect before it is in
 * {@code processed_items}. Locks live in the two-key space (classid, objid), which Flyway's lock does not use.
 */
public final class JobFence {

    private static final String EXCLUSIVE = "SELECT pg_advisory_xact_lock(?, ?)";

    private JobFence() {}

    /** Takes the shared lock of each job, in id order; call it inside the transaction that applies their items. */
    public static void enterShared(JdbcTemplate jdbc, Collection<Long> jobIds) {
        List<Long> sorted = jobIds.stream().distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return;
        }
        Integer[] high = sorted.stream().map(JobFence::high).toArray(Integer[]::new);
        Integer[] low = sorted.stream().map(JobFence::low).toArray(Integer[]::new);
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(ItemStatements.JOB_FENCE_SHARED);
                    statement.setArray(1, connection.createArrayOf("integer", high));
                    statement.setArray(2, connection.createArrayOf("integer", low));
                    return statement;
                },
                rows -> {});
    }

    /** Takes the exclusive lock of the job, waiting for every transaction that holds its shared lock. */
    public static void enterExclusive(JdbcTemplate jdbc, long jobId) {
        jdbc.query(EXCLUSIVE, rows -> {}, high(jobId), low(jobId));
    }

    private static int high(long jobId) {
        return (int) (jobId >>> 32);
    }

    private static int low(long jobId) {
        return (int) jobId;
    }
}
