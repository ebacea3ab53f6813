package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;
import java.util.List;

/**
 * A job as stored: header, counters and the results recorded so far (in no particular order).
 *
 * @param positions where its items landed on the items topic, null while they are not published
 * @param links     the jobs it retries and is retried by
 */
public record JobSnapshot(
        long jobId,
        String tenantId,
        ItemType type,
        JobStatus status,
        int itemCount,
        int finished,
        int errors,
        int cancelled,
        String createdAt,
        String startedAt,
        String completedAt,
        String failureReason,
        List<ItemResult> results,
        ItemPositions positions,
        Links links) {

    /**
     * @param parentJobId the job whose failed items this job retries, null for a job a client submitted
     * @param retryJobId  the job that retries this job's failed items, null while none does
     */
    public record Links(Long parentJobId, Long retryJobId) {
        public static final Links NONE = new Links(null, null);
    }
}
