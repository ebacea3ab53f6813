package io.loyaltybatch.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Every Redis key and job header field name, in one place. A job's keys share the hash tag {@code {jobId}}, so they
 * live in one Redis Cluster slot and a script may touch them together.
 */
public final class JobKeys {

    /** Counter behind job id allocation. */
    public static final String JOB_SEQUENCE = "jobs:seq";

    /**
     * Sorted set of jobs that may still be active, scored by the epoch millisecond of their last progress (or of the
     * watchdog's last look at them). A job leaves it when it ends; the watchdog drops any it finds ended.
     */
    public static final String ACTIVE_JOBS = "jobs:active";

    /**
     * Sorted set of jobs that ended and whose end notice (the tenant's webhook) is not settled yet, scored by the epoch
     * millisecond it is due. A job enters it before it leaves {@link #ACTIVE_JOBS}, so whichever removal happens (the
     * worker's, the stop's or the watchdog's) its end is noticed; a job ended at submit enters it when created.
     */
    public static final String ENDED_JOBS = "jobs:ended";

    /** Lease that lets one watchdog at a time act. */
    public static final String WATCHDOG_LEASE = "jobs:watchdog";

    /** Header fields (a Redis hash per job). */
    public static final String TENANT = "tenant";

    public static final String TYPE = "type";
    public static final String STATUS = "status";
    public static final String ITEM_COUNT = "itemCount";
    public static final String FINISHED = "finished";
    public static final String ERRORS = "errors";
    public static final String CANCELLED = "cancelled";
    /** Items rejected at submit; they count in {@link #ERRORS} too. */
    public static final String INVALID = "invalid";

    public static final String CREATED_AT = "createdAt";
    public static final String STARTED_AT = "startedAt";
    public static final String COMPLETED_AT = "completedAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String FAILURE_REASON = "failureReason";
    /** Header: {@code sent} once the end notice was delivered, {@code abandoned} once it was given up. */
    public static final String NOTICE = "notice";
    /** Header: deliveries of the end notice tried so far. */
    public static final String NOTICE_ATTEMPTS = "noticeAttempts";
    /** The job whose failed items this job retries (absent for a job submitted by a client). */
    public static final String PARENT_JOB = "parentJob";
    /** The job that retries this job's failed items (absent until one does). */
    public static final String RETRY_JOB = "retryJob";
    /** Where the job's items landed on the items topic: {@link ItemPositions#encode()}. */
    public static final String POSITIONS = "positions";

    private JobKeys() {}

    /**
     * The form of every time in a job header: UTC ISO-8601 to the second ({@code 2025-03-14T10:00:00Z}), as the status
     * document shows it. Scripts compare these strings, so every writer must use this form.
     */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Hash: the job's header fields above. */
    public static String header(long jobId) {
        return "job:{" + jobId + "}:header";
    }

    /** Hash: item index -> encoded {@link ItemResult}; a field is written once, which claims the item's count. */
    public static String results(long jobId) {
        return "job:{" + jobId + "}:results";
    }

    /**
     * Sorted set of a tenant's jobs, newest last, every score 0 and ordered by member: {@link #listed}. Its members
     * are dropped once past any job's lifetime; a member whose job is gone is skipped when read.
     */
    public static String tenantJobs(String tenantId) {
        return "tenant:{" + tenantId + "}:jobs";
    }

    /**
     * A job's member of {@link #tenantJobs}: its creation millisecond and its id, zero-padded, so the lexical order of
     * members is the order of creation, unique per job ({@code 1764583200750:0000000000001234}).
     */
    public static String listed(Instant createdAt, long jobId) {
        return String.format("%013d:%016d", createdAt.toEpochMilli(), jobId);
    }

    /**
     * Hash: item index -> encoded {@link ItemEnvelope} of an item that failed for a reason of its own (5000), kept
     * for a retry as long as the job is.
     */
    public static String retryItems(long jobId) {
        return "job:{" + jobId + "}:retry";
    }

    /** List: the job's end notice deliveries, oldest first, each a JSON object; kept as long as the job. */
    public static String deliveries(long jobId) {
        return "job:{" + jobId + "}:deliveries";
    }

    /** String: {@code jobId:bodyDigest} for an Idempotency-Key of a tenant (the key is stored as a digest). */
    public static String idempotency(String tenantId, String keyDigest) {
        return "idem:{" + tenantId + "}:" + keyDigest;
    }
}
