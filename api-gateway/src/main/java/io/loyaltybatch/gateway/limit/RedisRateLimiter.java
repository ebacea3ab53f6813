package io.loyaltybatch.gateway.limit;

import static io.loyaltybatch.support.RedisFailures.call;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.config.JobsProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The limits' counters in Redis, in the tenant's hash slot, so every gateway shares them (a Redis Cluster too).
 *
 * <p>The request rate is a generic cell rate algorithm (GCRA) in one script: a key per tenant holds the theoretical
 * arrival time, read against Redis' own clock, so gateways with drifting clocks still agree. The job quotas are one
 * script too: the tenant's unfinished jobs (a sorted set) and its items of the UTC day (a counter) are checked and
 * counted together. A job that ended is taken out of the set when the set is full and a job asks to join.
 */
@Component
class RedisRateLimiter implements RateLimiter {

    private static final String GCRA = """
            local now = redis.call('TIME')
            now = tonumber(now[1]) * 1000000 + tonumber(now[2])
            local interval = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local tat = tonumber(redis.call('GET', KEYS[1]) or now)
            if tat < now then tat = now end
            local next = tat + interval
            local allowedAt = next - burst * interval
            if allowedAt > now then
              return {0, 0, math.ceil((allowedAt - now) / 1000000)}
            end
            redis.call('SET', KEYS[1], string.format('%.0f', next), 'PX', math.ceil((next - now) / 1000) + 1000)
            return {1, math.floor((now - allowedAt) / interval), 0}
            """;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ADMIT = RedisScript.of("""
            local jobs = redis.call('ZCARD', KEYS[1])
            if jobs >= tonumber(ARGV[3]) then return {1, 0} end
            local used = tonumber(redis.call('GET', KEYS[2]) or '0')
            local items = tonumber(ARGV[2])
            if used + items > tonumber(ARGV[4]) then return {2, math.max(0, tonumber(ARGV[4]) - used)} end
            redis.call('ZADD', KEYS[1], ARGV[5], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            redis.call('INCRBY', KEYS[2], items)
            redis.call('EXPIRE', KEYS[2], 172800)
            return {0, tonumber(ARGV[3]) - jobs - 1}
            """, List.class);

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            local removed = redis.call('ZREM', KEYS[1], ARGV[1])
            if removed == 1 and tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then
              redis.call('DECRBY', KEYS[2], ARGV[2])
            end
            return removed
            """, Long.class);

    private final StringRedisTemplate redis;
    private final LimitsProperties properties;
    private final JobsProperties jobs;
    private final Clock clock;

    RedisRateLimiter(StringRedisTemplate redis, LimitsProperties properties, JobsProperties jobs, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.jobs = jobs;
        this.clock = clock;
    }

    static String requestsKey(String tenantId) {
        return "limit:{" + tenantId + "}:requests";
    }

    static String jobsKey(String tenantId) {
        return "limit:{" + tenantId + "}:jobs";
    }

    static String itemsKey(String tenantId, LocalDate day) {
        return "limit:{" + tenantId + "}:items:" + day;
    }

    /**
     * Asks Redis on its asynchronous connection and waits at most the decision timeout.
     *
     * @throws EngineUnavailableException when Redis did not answer in time, or failed
     */
    @Override
    public Decision request(String tenantId, int rate, int burst) {
        long intervalMicros = Math.max(1, 1_000_000L / rate);
        try (RedisConnection connection = redis.getRequiredConnectionFactory().getConnection()) {
            @SuppressWarnings("unchecked")
            RedisClusterAsyncCommands<byte[], byte[]> async =
                    (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
            List<Object> answer = async.<List<Object>>eval(
                            GCRA,
                            ScriptOutputType.MULTI,
                            new byte[][] {bytes(requestsKey(tenantId))},
                            bytes(Long.toString(intervalMicros)),
                            bytes(Integer.toString(burst)))
                    .get(properties.decisionTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return new Decision(number(answer, 0) == 1, number(answer, 1), number(answer, 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("Redis", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new EngineUnavailableException("Redis", e);
        }
    }

    @Override
    public JobDecision admitJob(String tenantId, long jobId, int items, int maxJobs, long maxItemsPerDay) {
        JobDecision decision = tryAdmit(tenantId, jobId, items, maxJobs, maxItemsPerDay);
        if (decision.refusedBy() == Quota.CONCURRENT_JOBS && pruneEnded(tenantId) > 0) {
            decision = tryAdmit(tenantId, jobId, items, maxJobs, maxItemsPerDay);
        }
        return decision;
    }

    @Override
    public void release(String tenantId, long jobId, int items) {
        call(() -> redis.execute(
                RELEASE,
                List.of(jobsKey(tenantId), itemsKey(tenantId, today())),
                Long.toString(jobId),
                Integer.toString(items)));
    }

    private JobDecision tryAdmit(String tenantId, long jobId, int items, int maxJobs, long maxItemsPerDay) {
        Instant now = clock.instant();
        List<?> answer = call(() -> redis.execute(
                ADMIT,
                List.of(jobsKey(tenantId), itemsKey(tenantId, today())),
                Long.toString(jobId),
                Integer.toString(items),
                Integer.toString(maxJobs),
                Long.toString(maxItemsPerDay),
                Long.toString(now.toEpochMilli()),
                Long.toString(jobs.activeTtl().toMillis())));
        long outcome = number(answer, 0);
        long remaining = number(answer, 1);
        if (outcome == 1) {
            return new JobDecision(Quota.CONCURRENT_JOBS, 0, 5);
        }
        if (outcome == 2) {
            long untilMidnight = Duration.between(
                            now, today().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                    .toSeconds();
            return new JobDecision(Quota.ITEMS_PER_DAY, remaining, Math.max(1, untilMidnight));
        }
        return new JobDecision(null, remaining, 0);
    }

    /**
     * Takes out of the tenant's unfinished jobs those that ended, are gone, or are older than a job may live; one
     * read per member, done only when the set is full.
     */
    private int pruneEnded(String tenantId) {
        String key = jobsKey(tenantId);
        Set<String> members = call(() -> redis.opsForZSet().range(key, 0, -1));
        if (members == null) {
            return 0;
        }
        List<String> ended = new ArrayList<>();
        for (String member : members) {
            Object status = call(() -> redis.opsForHash().get(JobKeys.header(Long.parseLong(member)), JobKeys.STATUS));
            if (status == null || ended(status.toString())) {
                ended.add(member);
            }
        }
        long cutoff = clock.instant().minus(jobs.activeTtl()).toEpochMilli();
        call(() -> redis.opsForZSet().removeRangeByScore(key, Double.NEGATIVE_INFINITY, cutoff));
        if (!ended.isEmpty()) {
            call(() -> redis.opsForZSet().remove(key, ended.toArray()));
        }
        return ended.size();
    }

    private static boolean ended(String status) {
        try {
            return JobStatus.fromWireName(status).isTerminal();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static long number(List<?> answer, int index) {
        return answer != null && answer.size() > index && answer.get(index) instanceof Number n ? n.longValue() : 0;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
