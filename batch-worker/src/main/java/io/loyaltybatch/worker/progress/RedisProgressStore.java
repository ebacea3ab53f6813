package io.loyaltybatch.worker.progress;

import static io.loyaltybatch.support.RedisFailures.call;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScriptCalls;
import io.loyaltybatch.model.JobScripts;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.EndedJobs;
import io.loyaltybatch.support.config.JobsProperties;
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

    private static final Map<JobScripts, byte[]> SCRIPTS = Map.of(
            JobScripts.CLAIM_STARTS, JobScripts.CLAIM_STARTS.source().getBytes(StandardCharsets.UTF_8),
            JobScripts.RECORD_RESULTS, JobScripts.RECORD_RESULTS.source().getBytes(StandardCharsets.UTF_8),
            JobScripts.KEEP_FOR_RETRY, JobScripts.KEEP_FOR_RETRY.source().getBytes(StandardCharsets.UTF_8));

    private final StringRedisTemplate redis;
    private final JobsProperties properties;

    RedisProgressStore(StringRedisTemplate redis, JobsProperties properties) {
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
        List<Object> replies = call(() -> redis.executePipelined((RedisCallback<Object>) connection -> {
            positionsByJob
                    .keySet()
                    .forEach(job -> eval(connection, JobScriptCalls.claimStarts(job.jobId(), job.tenantId(), now)));
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
                    "A".equals(JobScriptCalls.moved(replies.get(reply++)).answer())
                            ? StartDecision.APPLY
                            : StartDecision.UNKNOWN_JOB;
            positions.forEach(position -> decisions[position] = decision);
        }
        return List.of(decisions);
    }

    /** One round trip, on the rare path of an item that failed after all its retries. */
    @Override
    public void keepForRetry(ItemEnvelope item) {
        call(() -> redis.execute((RedisCallback<Object>) connection -> {
            eval(connection, JobScriptCalls.keepForRetry(item));
            return null;
        }));
    }

    /** A job as an item names it: a job is known only to its own tenant's items. */
    private record TenantJob(String tenantId, long jobId) {}

    @Override
    public List<JobEnd> record(List<JobItemResult> results, Instant now) {
        if (results.isEmpty()) {
            return List.of();
        }
        Map<Long, List<JobScriptCalls.Result>> byJob = new LinkedHashMap<>();
        results.forEach(r -> byJob.computeIfAbsent(r.jobId(), job -> new ArrayList<>())
                .add(new JobScriptCalls.Result(
                        r.result().index(), r.result().successful(), WireCodec.encode(r.result()))));
        List<Object> replies = call(() -> redis.executePipelined((RedisCallback<Object>) connection -> {
            byJob.forEach((jobId, jobResults) ->
                    eval(connection, JobScriptCalls.recordResults(jobId, now, properties.retention(), jobResults)));
            touchActive(connection, byJob.keySet(), now);
            return null;
        }));
        List<JobEnd> endedNow = new ArrayList<>();
        List<String> terminal = new ArrayList<>();
        int reply = 0;
        for (Long jobId : byJob.keySet()) {
            JobScriptCalls.Moved moved = JobScriptCalls.moved(replies.get(reply++));
            if (moved.ended() != null) {
                endedNow.add(new JobEnd(jobId, moved.ended(), moved.createdAt()));
            }
            if (!"X".equals(moved.answer())
                    && JobStatus.fromWireName(moved.answer()).isTerminal()) {
                // ended now or before (a poll delivered again): either way it leaves the watchdog's index
                terminal.add(Long.toString(jobId));
            }
        }
        if (!terminal.isEmpty()) {
            EndedJobs.leaveActive(redis, terminal, now);
        }
        return endedNow;
    }

    private static void eval(RedisConnection connection, JobScriptCalls.Call call) {
        List<String> keysAndArgs = new ArrayList<>(call.keys());
        keysAndArgs.addAll(call.args());
        connection
                .scriptingCommands()
                .eval(SCRIPTS.get(call.script()), ReturnType.MULTI, call.keys().size(), bytes(keysAndArgs));
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
