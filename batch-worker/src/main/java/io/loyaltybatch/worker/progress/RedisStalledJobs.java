package io.loyaltybatch.worker.progress;

import static io.loyaltybatch.support.RedisFailures.call;

import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScriptCalls;
import io.loyaltybatch.model.JobScripts;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.support.EndedJobs;
import io.loyaltybatch.support.config.JobsProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.redis.connection.RedisZSetCommands.ZAddArgs;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** Stalled jobs found through the {@code jobs:active} sorted set, ended by {@code end-job.lua}. */
@Component
class RedisStalledJobs implements StalledJobs {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> END = RedisScript.of(JobScripts.END_JOB.source(), List.class);

    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", Long.class);

    private final StringRedisTemplate redis;
    private final JobsProperties properties;

    RedisStalledJobs(StringRedisTemplate redis, JobsProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    @Override
    public boolean acquireLease(String holder, Duration duration) {
        return Boolean.TRUE.equals(
                call(() -> redis.opsForValue().setIfAbsent(JobKeys.WATCHDOG_LEASE, holder, duration)));
    }

    @Override
    public void releaseLease(String holder) {
        call(() -> redis.execute(RELEASE, List.of(JobKeys.WATCHDOG_LEASE), holder));
    }

    @Override
    public List<Long> withoutProgressSince(Instant before, int limit) {
        Set<String> members =
                call(() -> redis.opsForZSet().rangeByScore(JobKeys.ACTIVE_JOBS, 0, before.toEpochMilli(), 0, limit));
        return members == null
                ? List.of()
                : members.stream().map(Long::parseLong).toList();
    }

    @Override
    public Optional<WatchedJob> find(long jobId) {
        List<Object> fields = call(() -> redis.opsForHash()
                .multiGet(JobKeys.header(jobId), List.of(JobKeys.TENANT, JobKeys.STATUS, JobKeys.POSITIONS)));
        if (fields == null || fields.get(0) == null || fields.get(1) == null) {
            return Optional.empty();
        }
        return Optional.of(new WatchedJob(
                jobId,
                (String) fields.get(0),
                JobStatus.fromWireName((String) fields.get(1)),
                ItemPositions.decode((String) fields.get(2))));
    }

    @Override
    public void postpone(long jobId, Instant now) {
        // XX: a job that ended meanwhile (and so left the index) is not put back
        call(() -> redis.execute((RedisCallback<Boolean>) connection -> connection
                .zSetCommands()
                .zAdd(
                        JobKeys.ACTIVE_JOBS.getBytes(StandardCharsets.UTF_8),
                        now.toEpochMilli(),
                        Long.toString(jobId).getBytes(StandardCharsets.UTF_8),
                        ZAddArgs.ifExists())));
    }

    @Override
    public boolean fail(long jobId, String reason, int processed, Instant now) {
        JobScriptCalls.Call end =
                JobScriptCalls.endJob(jobId, null, JobStatus.FAILED, reason, processed, now, properties.retention());
        return "ENDED"
                .equals(JobScriptCalls.moved(call(
                                () -> redis.execute(END, end.keys(), end.args().toArray())))
                        .answer());
    }

    @Override
    public void forget(long jobId, Instant now) {
        EndedJobs.leaveActive(redis, List.of(Long.toString(jobId)), now);
    }
}
