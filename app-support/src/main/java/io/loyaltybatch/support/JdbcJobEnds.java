package io.loyaltybatch.support;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Job ends in {@code job_ends}, fenced from the workers' transactions by {@link JobFence}. */
public final class JdbcJobEnds implements JobEnds {

    private static final String RECORD =
            "INSERT INTO job_ends (job_id, tenant_id, reason) VALUES (?, ?, ?) ON CONFLICT (job_id) DO NOTHING";
    private static final String PROCESSED = "SELECT count(*) FROM processed_items WHERE job_id = ? AND tenant_id = ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Duration lockTimeout;

    /**
     * @param lockTimeout how long to wait for transactions applying items of the job; a longer wait fails as
     *                    {@link EngineUnavailableException}, so the caller can answer "retry"
     */
    public JdbcJobEnds(JdbcTemplate jdbc, TransactionTemplate transaction, Duration lockTimeout) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.lockTimeout = lockTimeout;
    }

    @Override
    public int end(String tenantId, long jobId, String reason) {
        return JdbcFailures.call(() -> transaction.execute(status -> {
            jdbc.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
            JobFence.enterExclusive(jdbc, jobId);
            jdbc.update(RECORD, jobId, tenantId, reason);
            Integer processed = jdbc.queryForObject(PROCESSED, Integer.class, jobId, tenantId);
            return processed == null ? 0 : processed;
        }));
    }
}
