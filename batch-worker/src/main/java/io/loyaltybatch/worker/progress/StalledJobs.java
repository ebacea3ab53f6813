package io.loyaltybatch.worker.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the watchdog needs of the job store. */
public interface StalledJobs {

    /** What ending a stalled job found. */
    enum Outcome {
        /** the job was active without progress: it is now failed */
        FAILED,
        /** it made progress after all */
        ALIVE,
        /** it had already ended, or expired */
        GONE
    }

    /** Takes the watchdog lease for a while; false if another worker holds it. */
    boolean acquireLease(String holder, Duration duration);

    /** Jobs whose last progress is older than {@code before}, oldest first. */
    List<Long> withoutProgressSince(Instant before, int limit);

    /** Fails the job if it still has made no progress since {@code before}. */
    Outcome fail(long jobId, Instant before, String reason, Instant now);

    /** Forgets a job that has ended. */
    void forget(long jobId);
}
