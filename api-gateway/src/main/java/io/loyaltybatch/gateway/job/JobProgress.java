package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;

/**
 * A job's progress as operators see it, whatever its tenant.
 *
 * @param withResult items that have a result: applied, failed, or rejected at submit
 * @param positions  where its items landed on the items topic, or null while they are not published
 */
public record JobProgress(
        long jobId,
        String tenantId,
        ItemType type,
        JobStatus status,
        int itemCount,
        int withResult,
        ItemPositions positions) {

    /** Items still queued in the topic or being applied; none once the job ended. */
    public int pending() {
        return status.isTerminal() ? 0 : Math.max(0, itemCount - withResult);
    }
}
