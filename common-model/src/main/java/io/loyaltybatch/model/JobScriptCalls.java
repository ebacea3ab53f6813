package io.loyaltybatch.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one place where the arguments of the job scripts are laid out, for the adapters and the test fixtures alike,
 * and where their replies are read. Every status a script writes and every state a move may start from comes from
 * {@link JobStatus}; every move a script reports is checked against its table ({@link JobTransition}).
 */
public final class JobScriptCalls {

    /** A script with its keys and arguments, ready for any Redis client. */
    public record Call(JobScripts script, List<String> keys, List<String> args) {}

    /** The reply of a script that may move a job: its answer and the moves it made. */
    /**
     * What recording results did to a job.
     *
     * @param createdAt when the job was accepted (to the second), null for an unknown job
     */
    public record Moved(String answer, List<JobTransition> moves, Instant createdAt) {

        /** The move that ended the job, if this call ended it. */
        public JobStatus ended() {
            return moves.stream()
                    .filter(JobTransition::endsTheJob)
                    .map(JobTransition::to)
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A result to record, and whether it counts as finished (successful) or as an error. */
    public record Result(int index, boolean successful, String json) {}

    private JobScriptCalls() {}

    public static Call createJob(
            long jobId,
            String tenantId,
            ItemType type,
            int itemCount,
            Instant createdAt,
            Duration activeTtl,
            Duration retention,
            Collection<ItemResult> rejected) {
        return createJob(jobId, tenantId, type, itemCount, createdAt, activeTtl, retention, rejected, null);
    }

    /** @param parentJobId the job whose failed items this one retries, null for a client's own job */
    public static Call createJob(
            long jobId,
            String tenantId,
            ItemType type,
            int itemCount,
            Instant createdAt,
            Duration activeTtl,
            Duration retention,
            Collection<ItemResult> rejected,
            Long parentJobId) {
        List<String> args = new ArrayList<>(10 + 2 * rejected.size());
        args.add(tenantId);
        args.add(type.pathName());
        args.add(Integer.toString(itemCount));
        args.add(JobKeys.timestamp(createdAt));
        args.add(Long.toString(activeTtl.toSeconds()));
        args.add(Long.toString(retention.toSeconds()));
        args.add(Integer.toString(rejected.size()));
        args.add(JobStatus.QUEUED.wireName());
        args.add(JobStatus.FAILED.wireName());
        args.add(parentJobId == null ? "" : Long.toString(parentJobId));
        for (ItemResult result : rejected) {
            args.add(Integer.toString(result.index()));
            args.add(WireCodec.encode(result));
        }
        return new Call(JobScripts.CREATE_JOB, List.of(JobKeys.header(jobId), JobKeys.results(jobId)), args);
    }

    public static Call recordPositions(long jobId, ItemPositions positions) {
        return new Call(JobScripts.RECORD_POSITIONS, List.of(JobKeys.header(jobId)), List.of(positions.encode()));
    }

    /** What a read of a job returns besides its header. */
    public enum JobPart {
        NONE("-"),
        RESULTS("R"),
        KEPT_FOR_RETRY("K");

        private final String argument;

        JobPart(String argument) {
            this.argument = argument;
        }
    }

    public static Call readJob(long jobId, String tenantId, JobPart part) {
        return new Call(JobScripts.READ_JOB, jobKeys(jobId), List.of(tenantId, part.argument));
    }

    /** Keeps an item that failed for a reason of its own for a retry; the reply is 1, or 0 if its job is gone. */
    public static Call keepForRetry(ItemEnvelope item) {
        return new Call(
                JobScripts.KEEP_FOR_RETRY,
                List.of(JobKeys.header(item.jobId()), JobKeys.retryItems(item.jobId())),
                List.of(Integer.toString(item.index()), WireCodec.encode(item)));
    }

    /** Links a job to its retry; the reply is 1, or 0 for an unknown or foreign job. */
    public static Call linkRetry(long jobId, String tenantId, long retryJobId) {
        return new Call(
                JobScripts.LINK_RETRY, List.of(JobKeys.header(jobId)), List.of(tenantId, Long.toString(retryJobId)));
    }

    /** How a delivery of an end notice leaves it. */
    public enum DeliveryOutcome {
        SENT("sent"),
        ABANDONED("abandoned"),
        RETRY("retry");

        private final String argument;

        DeliveryOutcome(String argument) {
            this.argument = argument;
        }

        public String wireName() {
            return argument;
        }
    }

    /** Records a delivery of the job's end notice; the reply is the attempts so far, or -1 if the job is gone. */
    public static Call recordDelivery(long jobId, String deliveryJson, DeliveryOutcome outcome) {
        return new Call(
                JobScripts.RECORD_DELIVERY,
                List.of(JobKeys.header(jobId), JobKeys.deliveries(jobId)),
                List.of(deliveryJson, outcome.argument));
    }

    /** Every key of a job, in the order the scripts name them: header, results, items kept for a retry. */
    private static List<String> jobKeys(long jobId) {
        return List.of(JobKeys.header(jobId), JobKeys.results(jobId), JobKeys.retryItems(jobId));
    }

    /** Marks a job taken up by a worker; the reply's answer is {@code A} (known to the tenant) or {@code X}. */
    public static Call claimStarts(long jobId, String tenantId, Instant now) {
        return new Call(
                JobScripts.CLAIM_STARTS,
                List.of(JobKeys.header(jobId)),
                List.of(
                        JobKeys.timestamp(now),
                        tenantId,
                        JobStatus.RUNNING.wireName(),
                        JobStatus.wireNames(JobStatus.RUNNING.from())));
    }

    /** Records results; the reply's answer is the job's status afterwards, or {@code X} for an unknown job. */
    public static Call recordResults(long jobId, Instant now, Duration retention, Collection<Result> results) {
        List<String> args = new ArrayList<>(8 + 3 * results.size());
        args.add(JobKeys.timestamp(now));
        args.add(Long.toString(retention.toSeconds()));
        args.add(JobStatus.RUNNING.wireName());
        args.add(JobStatus.wireNames(JobStatus.RUNNING.from()));
        args.add(JobStatus.COMPLETED.wireName());
        args.add(JobStatus.wireNames(JobStatus.COMPLETED.from()));
        args.add(JobStatus.FAILED.wireName());
        args.add(JobStatus.wireNames(JobStatus.FAILED.from()));
        for (Result result : results) {
            args.add(Integer.toString(result.index()));
            args.add(result.successful() ? "1" : "0");
            args.add(result.json());
        }
        return new Call(JobScripts.RECORD_RESULTS, jobKeys(jobId), args);
    }

    /**
     * Ends an active job as {@code target} (stopped or failed); the reply's answer is {@code NOT_FOUND},
     * {@code ALREADY}, {@code FINISHED} or {@code ENDED}.
     *
     * @param tenantId the owner, or null to end the job whoever owns it
     * @param reason   the failure reason shown in the status, or null
     */
    public static Call endJob(
            long jobId,
            String tenantId,
            JobStatus target,
            String reason,
            int processed,
            Instant now,
            Duration retention) {
        return new Call(
                JobScripts.END_JOB,
                jobKeys(jobId),
                List.of(
                        tenantId == null ? "" : tenantId,
                        target.wireName(),
                        JobStatus.wireNames(target.from()),
                        reason == null ? "" : reason,
                        Integer.toString(processed),
                        JobKeys.timestamp(now),
                        Long.toString(retention.toSeconds())));
    }

    /** Reads the {@code {answer, moves}} reply of claim-starts, record-results and end-job. */
    public static Moved moved(Object reply) {
        List<?> parts = (List<?>) reply;
        String createdAt = parts.size() > 2 ? text(parts.get(2)) : "";
        return new Moved(
                text(parts.get(0)),
                JobTransition.parse(text(parts.get(1))),
                createdAt.isEmpty() ? null : Instant.parse(createdAt));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes
                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(value);
    }
}
