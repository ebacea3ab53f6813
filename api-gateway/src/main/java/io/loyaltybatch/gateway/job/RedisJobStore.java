package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.DependencyUnavailableException;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScripts;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.WireCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Jobs in Redis: a header hash, a results hash and a started set per job, all under the job's hash tag, changed only
 * by the shared Lua scripts in {@link JobScripts}.
 */
@Component
class RedisJobStore implements JobStore {

    /**
     * Job ids are seconds since this instant, shifted left, plus a Redis sequence number in the low bits; they stay
     * below 2^53 so JavaScript clients read them exactly.
     */
    private static final long EPOCH_SECONDS =
            Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();

    private static final int SEQUENCE_BITS = 20;

    private static final RedisScript<Long> CREATE = RedisScript.of(JobScripts.CREATE_JOB.source(), Long.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of(JobScripts.READ_JOB.source(), List.class);

    private static final RedisScript<String> STOP = RedisScript.of(JobScripts.STOP_JOB.source(), String.class);

    private final StringRedisTemplate redis;
    private final JobsProperties properties;

    RedisJobStore(StringRedisTemplate redis, JobsProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    /**
     * Unique while fewer than a million ids are handed out in one second, and while the clock does not run backwards
     * across a loss of the Redis counter.
     */
    @Override
    public long nextJobId() {
        long sequence = call(() -> redis.opsForValue().increment(JobKeys.JOB_SEQUENCE));
        long seconds = Instant.now().getEpochSecond() - EPOCH_SECONDS;
        return (seconds << SEQUENCE_BITS) | (sequence & ((1L << SEQUENCE_BITS) - 1));
    }

    @Override
    public void create(NewJob job) {
        List<String> args = new ArrayList<>(8 + 2 * job.rejected().size());
        args.add(job.tenantId());
        args.add(job.type().pathName());
        args.add(Integer.toString(job.itemCount()));
        args.add(JobKeys.timestamp(job.createdAt()));
        args.add(Long.toString(properties.activeTtl().toSeconds()));
        args.add(Long.toString(properties.retention().toSeconds()));
        args.add(Integer.toString(job.rejected().size()));
        for (ItemResult rejected : job.rejected()) {
            args.add(Integer.toString(rejected.index()));
            args.add(WireCodec.encode(rejected));
        }
        Long created = call(() -> redis.execute(
                CREATE, List.of(JobKeys.header(job.jobId()), JobKeys.results(job.jobId())), args.toArray()));
        if (created == null || created != 1L) {
            throw new IllegalStateException("job id " + job.jobId() + " already exists");
        }
        if (!job.allRejected()) {
            call(() -> redis.opsForZSet()
                    .add(
                            JobKeys.ACTIVE_JOBS,
                            Long.toString(job.jobId()),
                            job.createdAt().toEpochMilli()));
        }
    }

    @Override
    public boolean exists(long jobId) {
        return Boolean.TRUE.equals(call(() -> redis.hasKey(JobKeys.header(jobId))));
    }

    @Override
    public Optional<JobSnapshot> find(long jobId) {
        List<?> both = call(() -> redis.execute(READ, List.of(JobKeys.header(jobId), JobKeys.results(jobId))));
        Map<String, String> header = pairs((List<?>) both.get(0));
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> results = pairs((List<?>) both.get(1));
        List<ItemResult> decoded =
                results.values().stream().map(WireCodec::decodeResult).toList();
        return Optional.of(new JobSnapshot(
                jobId,
                header.get(JobKeys.TENANT),
                ItemType.fromPathName(header.get(JobKeys.TYPE)).orElseThrow(),
                JobStatus.fromWireName(header.get(JobKeys.STATUS)),
                intField(header, JobKeys.ITEM_COUNT),
                intField(header, JobKeys.FINISHED),
                intField(header, JobKeys.ERRORS),
                intField(header, JobKeys.CANCELLED),
                header.get(JobKeys.CREATED_AT),
                header.get(JobKeys.STARTED_AT),
                header.get(JobKeys.COMPLETED_AT),
                header.get(JobKeys.FAILURE_REASON),
                decoded));
    }

    @Override
    public StopOutcome stop(String tenantId, long jobId, Instant now) {
        String outcome = call(() -> redis.execute(
                STOP,
                List.of(JobKeys.header(jobId), JobKeys.started(jobId), JobKeys.results(jobId)),
                tenantId,
                JobKeys.timestamp(now),
                Long.toString(properties.retention().toSeconds())));
        return StopOutcome.valueOf(outcome);
    }

    @Override
    public void delete(long jobId) {
        call(() -> redis.delete(List.of(JobKeys.header(jobId), JobKeys.results(jobId), JobKeys.started(jobId))));
        call(() -> redis.opsForZSet().remove(JobKeys.ACTIVE_JOBS, Long.toString(jobId)));
    }

    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }

    private static int intField(Map<String, String> header, String field) {
        String value = header.get(field);
        return value == null ? 0 : Integer.parseInt(value);
    }

    static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RedisConnectionFailureException | QueryTimeoutException e) {
            throw new DependencyUnavailableException("Redis", e);
        }
    }
}
