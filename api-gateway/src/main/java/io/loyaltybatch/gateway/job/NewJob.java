package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import java.time.Instant;
import java.util.List;

/**
 * A job about to be written: {@code rejected} are the items that failed validation at submit. When every item was
 * rejected the job is written already {@code failed}. {@code parentJobId} is the job whose failed items it retries,
 * null for a job a client submitted.
 */
public record NewJob(
        long jobId,
        String tenantId,
        ItemType type,
        int itemCount,
        Instant createdAt,
        List<ItemResult> rejected,
        Long parentJobId) {

    /** A job a client submitted (no parent). */
    public NewJob(
            long jobId, String tenantId, ItemType type, int itemCount, Instant createdAt, List<ItemResult> rejected) {
        this(jobId, tenantId, type, itemCount, createdAt, rejected, null);
    }

    public boolean allRejected() {
        return rejected.size() >= itemCount;
    }
}
