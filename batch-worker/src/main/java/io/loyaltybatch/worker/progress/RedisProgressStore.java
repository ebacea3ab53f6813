package io.loyaltybatch.worker.progress;

import static io.loyaltybatch.support.RedisFailures.call;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScripts;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisZSetCommands.ZAddArgs;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Progress in Redis: one pipelined round trip per call, carrying one script run per job (a job's keys share a hash
 * tag, so each script touches a single cluster slot). Jobs that ended are then dropped from the watchdog's index,
 * which lives in another slot and so takes a command of its own; if that fails the poll is delivered again, and
 * recording it again finds the same jobs ended.
 */
@Component
class RedisProgressStore implements ProgressStore {

    private static final byte[] CLAIM = JobScripts.CLAIM_STARTS.source().getBytes(StandardCharsets.UTF_8);
    private static final byte[] RECORD = JobScripts.RECORD_RESULTS.source().getBytes(StandardCharsets.UTF_8);

    private final StringRedisTemplate redis;
    private final ProgressProperties properties;

    RedisProgressStore(StringRedisTemplate redis, ProgressProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    @Override
    public List<StartDecision> claimStarts(List<ItemEnvelope> items, Instant now) {
        Map<TenantJob, List<Integer>> positionsByJob = new LinkedHashMap<>();
        for (int position = 0; position < items.size(); position++) {
            ItemEnvelope item = items.get(position);
            positionsByJob
                    .computeIfAbsent(new TenantJob(item.tenantId(), item.jobId()), job -> new ArrayList<>())
                    .add(position);
        }
        String timestamp = JobKeys.timestamp(now);
        List<Object> replies = call(() -> redis.executePipelined((RedisCallback<Object>) connection -> {
            positionsByJob.forEach((job, positions) -> connection
                    .scriptingCommands()
                    .eval(
                            CLAIM,
                            ReturnType.VALUE,
                            1,
                            bytes(List.of(JobKeys.header(job.jobId()), timestamp, job.tenantId()))));
            touchActive(
                    connection,
                    positionsByJob.keySet().stream().map(TenantJob::jobId).toList(),
                    now);
            return null;
        }));
        StartDecision[] decisions = new StartDecision[items.size()];
        int reply = 0;
        for (List<Integer> positions : positionsByJob.values()) {
            StartDecision decision =
                    "A".equals(String.valueOf(replies.get(reply++))) ? StartDecision.APPLY : StartDecision.UNKNOWN_JOB;
            positions.forEach(position -> decisions[position] = decision);
        }
        return List.of(decisions);
    }

    /** A job as an item names it: a job is known only to its own tenant's items. */
    private record TenantJob(String tenantId, long jobId) {}

    @Override
    public void record(List<JobItemResult> results, Instant now) {
        if (results.isEmpty()) {
            return;
        }
        Map<Long, List<JobItemResult>> byJob = new LinkedHashMap<>();
        results.forEach(
                r -> byJob.computeIfAbsent(r.jobId(), job -> new ArrayList<>()).add(r));
        String timestamp = JobKeys.timestamp(now);
        String retention = Long.toString(properties.retention().toSeconds());
        List<Object> statuses = call(() -> redis.executePipelined((RedisCallback<Object>) connection -> {
            byJob.forEach((jobId, jobResults) -> {
                List<String> args = new ArrayList<>(3 * jobResults.size() + 4);
                args.add(JobKeys.header(jobId));
                args.add(JobKeys.results(jobId));
                args.add(timestamp);
                args.add(retention);
                for (JobItemResult r : jobResults) {
                    args.add(Integer.toString(r.result().index()));
                    args.add(r.result().successful() ? "1" : "0");
                    args.add(WireCodec.encode(r.result()));
                }
                connection.scriptingCommands().eval(RECORD, ReturnType.VALUE, 2, bytes(args));
            });
            touchActive(connection, byJob.keySet(), now);
            return null;
        }));
        List<String> ended = new ArrayList<>();
        int reply = 0;
        for (Long jobId : byJob.keySet()) {
            String status = String.valueOf(statuses.get(reply++));
            if (!"X".equals(status) && JobStatus.fromWireName(status).isTerminal()) {
                ended.add(Long.toString(jobId));
            }
        }
        if (!ended.isEmpty()) {
            call(() -> redis.opsForZSet().remove(JobKeys.ACTIVE_JOBS, ended.toArray()));
        }
    }

    /** Marks progress for the watchdog; only jobs still in the set are updated, ended ones are not added back. */
    private static void touchActive(RedisConnection connection, Iterable<Long> jobIds, Instant now) {
        byte[] key = JobKeys.ACTIVE_JOBS.getBytes(StandardCharsets.UTF_8);
        for (Long jobId : jobIds) {
            connection
                    .zSetCommands()
                    .zAdd(
                            key,
                            now.toEpochMilli(),
                            Long.toString(jobId).getBytes(StandardCharsets.UTF_8),
                            ZAddArgs.ifExists());
        }
    }

    private static byte[][] bytes(List<String> values) {
        byte[][] bytes = new byte[values.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }
}
