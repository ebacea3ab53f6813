package io.loyaltybatch.worker.progress;

import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScripts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** Stalled jobs found through the {@code jobs:active} sorted set, ended by {@code fail-stalled-job.lua}. */
@Component
class RedisStalledJobs implements StalledJobs {

    private static final RedisScript<String> FAIL = RedisScript.of(JobScripts.FAIL_STALLED_JOB.source(), String.class);

    private final StringRedisTemplate redis;
    private final ProgressProperties properties;

    RedisStalledJobs(StringRedisTemplate redis, ProgressProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    @Override
    public boolean acquireLease(String holder, Duration duration) {
        return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(JobKeys.WATCHDOG_LEASE, holder, duration));
    }

    @Override
    public List<Long> withoutProgressSince(Instant before, int limit) {
        Set<String> members = redis.opsForZSet().rangeByScore(JobKeys.ACTIVE_JOBS, 0, before.toEpochMilli(), 0, limit);
        return members == null
                ? List.of()
                : members.stream().map(Long::parseLong).toList();
    }

    @Override
    public Outcome fail(long jobId, Instant before, String reason, Instant now) {
        String outcome = redis.execute(
                FAIL,
                List.of(JobKeys.header(jobId), JobKeys.started(jobId), JobKeys.results(jobId)),
                JobKeys.timestamp(now),
                Long.toString(properties.retention().toSeconds()),
                reason,
                JobKeys.timestamp(before));
        return Outcome.valueOf(outcome);
    }

    @Override
    public void forget(long jobId) {
        redis.opsForZSet().remove(JobKeys.ACTIVE_JOBS, Long.toString(jobId));
    }
}
