package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.support.EngineUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs live while they run and for their retention period. Every method throws
 * {@link EngineUnavailableException} when the store cannot serve.
 */
public interface JobStore {

    /** Writes header, counters and rejected items of a new job in one atomic step. */
    void create(NewJob job);

    /** Notes where the job's items landed on the items topic; called before they become visible. */
    void recordPositions(long jobId, ItemPositions positions);

    /**
     * The job if it belongs to the tenant; empty if unknown, past retention or another tenant's. The owner is checked
     * before anything else is read, so another tenant's job costs what an unknown one does.
     */
    Optional<JobSnapshot> find(String tenantId, long jobId);

    /** The job's header (no results) if it belongs to the tenant. */
    Optional<JobHeader> header(String tenantId, long jobId);

    /**
     * A page of the tenant's jobs, newest first, without their results. At most {@link JobQuery#limit} jobs; fewer
     * when the filters matched fewer among the jobs one page may look at, and then {@link JobPage#next} continues.
     */
    JobPage list(String tenantId, JobQuery query);

    /**
     * @param status null for any
     * @param type   null for any
     * @param after  the {@link JobPage#next} of the page before, null for the newest jobs
     */
    record JobQuery(JobStatus status, ItemType type, int limit, String after) {}

    /** @param next where the next page starts (opaque to clients once encoded), null after the oldest job */
    record JobPage(List<JobSnapshot> jobs, String next) {}

    /** For operators: the progress of a job of any tenant; empty if unknown or past retention. */
    Optional<JobProgress> progress(long jobId);

    /** For operators: up to {@code limit} jobs not yet ended, of every tenant, the longest without progress first. */
    ActiveJobs active(int limit);

    /** @param truncated whether more jobs than the limit may be active */
    record ActiveJobs(List<JobProgress> jobs, boolean truncated) {}

    /**
     * Stops the job if it belongs to the tenant and is still active, once its end is in the ledger: the
     * {@code processed} items the ledger holds records of count, every other item is cancelled. Atomic against
     * workers finishing it.
     */
    StopOutcome stop(String tenantId, long jobId, int processed, Instant now);

    /**
     * The items of the job that failed for a reason of their own (5000) and were kept for a retry, sorted by index;
     * empty for an unknown or foreign job.
     */
    List<ItemEnvelope> keptForRetry(String tenantId, long jobId);

    /** Links the job to the job retrying its failed items; false for an unknown or foreign job. */
    boolean linkRetry(String tenantId, long jobId, long retryJobId);

    /** Removes a job whose items could not be published, so no job is left that will never run. */
    void delete(long jobId);

    /** What a stop request found. */
    enum StopOutcome {
        STOPPED,
        ALREADY_STOPPED,
        FINISHED,
        NOT_FOUND
    }
}
