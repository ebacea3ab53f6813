package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.DependencyUnavailableException;
import java.time.Instant;
import java.util.Optional;

/**
 * Where jobs live while they run and for their retention period. Every method throws
 * {@link DependencyUnavailableException} when the store cannot be reached.
 */
public interface JobStore {

    /** A new job id: positive, unique across tenants and never reused. */
    long nextJobId();

    /** Writes header, counters and rejected items of a new job in one atomic step. */
    void create(NewJob job);

    /** Whether the job exists, whoever owns it; reads none of its results. */
    boolean exists(long jobId);

    /** The job, whoever owns it; empty if unknown or past retention. */
    Optional<JobSnapshot> find(long jobId);

    /** Stops the job if it belongs to the tenant and is still active; atomic against workers finishing it. */
    StopOutcome stop(String tenantId, long jobId, Instant now);

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
