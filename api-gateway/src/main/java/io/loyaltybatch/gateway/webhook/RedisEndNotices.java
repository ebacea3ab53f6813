package io.loyaltybatch.gateway.webhook;

import static io.loyaltybatch.support.RedisFailures.call;

import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScriptCalls;
import io.loyaltybatch.model.JobScripts;
import io.loyaltybatch.model.WireCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Notices in Redis: the due set {@link JobKeys#ENDED_JOBS}, each job's header and its delivery log
 * ({@link JobKeys#deliveries}), written by {@link JobScripts#RECORD_DELIVERY}.
 */
@Component
class RedisEndNotices implements EndNotices {

    /** Takes the due members and moves each past its lease, in one step (the due set is one key, so one slot). */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CLAIM = RedisScript.of("""
            local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, member in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], member) end
            return due""", List.class);

    private static final RedisScript<Long> RECORD = RedisScript.of(JobScripts.RECORD_DELIVERY.source(), Long.class);

    private static final List<Object> FIELDS = List.of(
            JobKeys.TENANT,
            JobKeys.TYPE,
            JobKeys.STATUS,
            JobKeys.ITEM_COUNT,
            JobKeys.FINISHED,
            JobKeys.ERRORS,
            JobKeys.CANCELLED,
            JobKeys.CREATED_AT,
            JobKeys.COMPLETED_AT,
            JobKeys.NOTICE,
            JobKeys.NOTICE_ATTEMPTS);

    private final StringRedisTemplate redis;

    RedisEndNotices(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public List<Long> claimDue(Instant now, Duration lease, int limit) {
        List<?> due = call(() -> redis.execute(
                CLAIM,
                List.of(JobKeys.ENDED_JOBS),
                Long.toString(now.toEpochMilli()),
                Long.toString(now.plus(lease).toEpochMilli()),
                Integer.toString(limit)));
        return due == null
                ? List.of()
                : due.stream()
                        .map(member -> Long.parseLong(String.valueOf(member)))
                        .toList();
    }

    @Override
    public Optional<EndedJob> job(long jobId) {
        List<Object> values = call(() -> redis.opsForHash().multiGet(JobKeys.header(jobId), FIELDS));
        if (values == null || values.get(0) == null || values.get(2) == null) {
            return Optional.empty();
        }
        return Optional.of(new EndedJob(
                jobId,
                (String) values.get(0),
                (String) values.get(1),
                (String) values.get(2),
                number(values.get(3)),
                number(values.get(4)),
                number(values.get(5)),
                number(values.get(6)),
                (String) values.get(7),
                (String) values.get(8),
                (String) values.get(9),
                number(values.get(10))));
    }

    private static int number(Object value) {
        return value == null ? 0 : Integer.parseInt((String) value);
    }

    @Override
    public int record(long jobId, Delivery delivery, Outcome outcome, Instant retryAt) {
        JobScriptCalls.Call call = JobScriptCalls.recordDelivery(
                jobId,
                WireCodec.mapper().writeValueAsString(delivery),
                switch (outcome) {
                    case SENT -> JobScriptCalls.DeliveryOutcome.SENT;
                    case RETRY -> JobScriptCalls.DeliveryOutcome.RETRY;
                    case ABANDONED -> JobScriptCalls.DeliveryOutcome.ABANDONED;
                });
        Long attempts =
                call(() -> redis.execute(RECORD, call.keys(), call.args().toArray()));
        if (outcome == Outcome.RETRY && attempts != null && attempts >= 0) {
            call(() -> redis.opsForZSet().add(JobKeys.ENDED_JOBS, Long.toString(jobId), retryAt.toEpochMilli()));
        } else {
            settle(jobId);
        }
        return attempts == null ? -1 : attempts.intValue();
    }

    @Override
    public void settle(long jobId) {
        call(() -> redis.opsForZSet().remove(JobKeys.ENDED_JOBS, Long.toString(jobId)));
    }

    @Override
    public Optional<List<Delivery>> deliveries(String tenantId, long jobId) {
        Object owner = call(() -> redis.opsForHash().get(JobKeys.header(jobId), JobKeys.TENANT));
        if (!tenantId.equals(owner)) {
            return Optional.empty();
        }
        List<String> logged = call(() -> redis.opsForList().range(JobKeys.deliveries(jobId), 0, -1));
        return Optional.of(
                logged == null
                        ? List.of()
                        : logged.stream()
                                .map(json -> WireCodec.mapper().readValue(json, Delivery.class))
                                .toList());
    }
}
