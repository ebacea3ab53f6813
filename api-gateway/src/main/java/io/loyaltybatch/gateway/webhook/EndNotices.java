package io.loyaltybatch.gateway.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The end notices of jobs: which are due, what each job ended as, and the log of their deliveries. */
public interface EndNotices {

    /**
     * Up to {@code limit} notices due by {@code now}, each held for {@code lease} so no other gateway takes it
     * meanwhile; a notice not settled by then is due again.
     */
    List<Long> claimDue(Instant now, Duration lease, int limit);

    /** The job as its notice tells it; empty once it is gone. */
    Optional<EndedJob> job(long jobId);

    /** Records a delivery; the attempts so far, or -1 if the job is gone. Settles the notice unless it is retried. */
    int record(long jobId, Delivery delivery, Outcome outcome, Instant retryAt);

    /** Drops a notice that is not to be delivered (no receiver, the job gone, or delivered already). */
    void settle(long jobId);

    /** The job's deliveries, oldest first, for its own tenant; empty for an unknown or foreign job. */
    Optional<List<Delivery>> deliveries(String tenantId, long jobId);

    enum Outcome {
        SENT,
        RETRY,
        ABANDONED
    }

    /**
     * What a notice says of a job. {@code notice} is {@code sent} or {@code abandoned} once settled, else null;
     * {@code attempts} are the deliveries tried so far.
     */
    record EndedJob(
            long jobId,
            String tenantId,
            String type,
            String status,
            int itemCount,
            int finished,
            int errors,
            int cancelled,
            String createdAt,
            String completedAt,
            String notice,
            int attempts) {}

    /**
     * One delivery: when, which attempt, the receiver's HTTP status (null without an answer), why it failed (null
     * when it did not), and how long it took.
     */
    record Delivery(String at, int attempt, Integer status, String error, long millis) {}
}
