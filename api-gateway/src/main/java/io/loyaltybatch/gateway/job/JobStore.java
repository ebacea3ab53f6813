package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemPositions;
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
