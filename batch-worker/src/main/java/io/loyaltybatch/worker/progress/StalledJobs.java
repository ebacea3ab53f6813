package io.loyaltybatch.worker.progress;

import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.support.EngineUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the watchdog needs of the job store. Every method throws {@link EngineUnavailableException}. */
public interface StalledJobs {

    /**
     * A job as the watchdog sees it.
     *
     * @param positions where its items landed on the items topic; null if they were never published
     */
    record WatchedJob(long jobId, String tenantId, JobStatus status, ItemPositions positions) {}

    /** Takes the watchdog lease for at most {@code duration}; false if another worker holds it. */
    boolean acquireLease(String holder, Duration duration);

    /** Gives the lease back, if {@code holder} still holds it. */
    void releaseLease(String holder);

    /** Jobs whose last progress (or last look by the watchdog) is older than {@code before}, oldest first. */
    List<Long> withoutProgressSince(Instant before, int limit);

    Optional<WatchedJob> find(long jobId);

    /** Looks at a job again only a stall timeout from {@code now}: it is waiting for its items, which are queued. */
    void postpone(long jobId, Instant now);

    /**
     * Ends an active job as failed with a reason, once its end is in the ledger; {@code processed} items count, every
     * other item is cancelled.
     *
     * @return false if the job had ended already
     */
    boolean fail(long jobId, String reason, int processed, Instant now);

    /** Forgets a job that has ended (or is gone); its end notice becomes due. */
    void forget(long jobId, Instant now);
}
