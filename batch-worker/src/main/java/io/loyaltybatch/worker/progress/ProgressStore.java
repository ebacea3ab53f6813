package io.loyaltybatch.worker.progress;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.JobStatus;
import java.time.Instant;
import java.util.List;

/**
 * Live job progress as clients read it. Each method makes one round trip for a whole poll, however many jobs and
 * items it holds.
 */
public interface ProgressStore {

    /** Whether an item goes on to the ledger. */
    enum StartDecision {
        /** its job exists for its tenant; the ledger decides whether it still takes effect */
        APPLY,
        /** no such job for its tenant: it expired, or its request failed before the job id was handed out */
        UNKNOWN_JOB
    }

    /**
     * Marks the items' jobs taken up: queued jobs move to running.
     *
     * @return one decision per item, in the order given
     */
    List<StartDecision> claimStarts(List<ItemEnvelope> items, Instant now);

    /**
     * Records results and counts each {@code (jobId, index)} once, whatever the number of calls; ends a job when its
     * last item lands.
     *
     * @return the jobs this call ended, with the status they ended in
     */
    List<JobEnd> record(List<JobItemResult> results, Instant now);

    /**
     * Keeps an item that failed for a reason of its own (5000) with its job, so its tenant can retry it once the cause
     * is mended; kept as long as the job is. Safe to repeat; nothing is kept for a job that is gone.
     */
    void keepForRetry(ItemEnvelope item);

    /**
     * A job that ended, and how.
     *
     * @param createdAt when it was accepted (to the second)
     */
    record JobEnd(long jobId, JobStatus status, Instant createdAt) {}

    /** A result and the job it belongs to. */
    record JobItemResult(long jobId, ItemResult result) {}
}
