package io.loyaltybatch.gateway.job;

import static io.loyaltybatch.support.RedisFailures.call;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScriptCalls;
import io.loyaltybatch.model.JobScripts;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.EndedJobs;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.config.JobsProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Jobs in Redis: a header hash and a results hash per job, both under the job's hash tag, changed only
 * by the shared Lua scripts in {@link JobScripts}.
 */
@Component
class RedisJobStore implements JobStore {

    private static final RedisScript<Long> CREATE = RedisScript.of(JobScripts.CREATE_JOB.source(), Long.class);

    private static final RedisScript<Long> RECORD_POSITIONS =
            RedisScript.of(JobScripts.RECORD_POSITIONS.source(), Long.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> READ = RedisScript.of(JobScripts.READ_JOB.source(), List.class);

    private static final RedisScript<Long> LINK_RETRY = RedisScript.of(JobScripts.LINK_RETRY.source(), Long.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> END = RedisScript.of(JobScripts.END_JOB.source(), List.class);

    /** The header fields of {@link JobProgress}, in the order {@link #progressOf} reads them. */
    private static final List<Object> PROGRESS_FIELDS = List.of(
            JobKeys.TENANT,
            JobKeys.TYPE,
            JobKeys.STATUS,
            JobKeys.ITEM_COUNT,
            JobKeys.FINISHED,
            JobKeys.ERRORS,
            JobKeys.POSITIONS);

    /** Members of a tenant's listing read per round trip, and looked at per page at most. */
    private static final int LIST_BATCH = 100;

    private static final int LIST_LOOK_LIMIT = 1_000;

    private final StringRedisTemplate redis;
    private final JobsProperties properties;

    RedisJobStore(StringRedisTemplate redis, JobsProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    @Override
    public void create(NewJob job) {
        Long created = run(
                CREATE,
                JobScriptCalls.createJob(
                        job.jobId(),
                        job.tenantId(),
                        job.type(),
                        job.itemCount(),
                        job.createdAt(),
                        properties.activeTtl(),
                        properties.retention(),
                        job.rejected(),
                        job.parentJobId()));
        if (created == null || created != 1L) {
            throw new IllegalStateException("job id " + job.jobId() + " already exists");
        }
        String tenantJobs = JobKeys.tenantJobs(job.tenantId());
        // the tenant's listing drops what is past any job's lifetime as it grows
        String outlived =
                JobKeys.listed(job.createdAt().minus(properties.activeTtl()).minus(properties.retention()), 0);
        call(() -> redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                ZSetOperations<K, V> sets = operations.opsForZSet();
                // a job ended at submit has its end notice due at once
                sets.add(
                        (K) (job.allRejected() ? JobKeys.ENDED_JOBS : JobKeys.ACTIVE_JOBS),
                        (V) Long.toString(job.jobId()),
                        job.createdAt().toEpochMilli());
                sets.add((K) tenantJobs, (V) JobKeys.listed(job.createdAt(), job.jobId()), 0);
                sets.removeRangeByLex((K) tenantJobs, Range.leftUnbounded(Range.Bound.exclusive(outlived)));
                return null;
            }
        }));
    }

    @Override
    public void recordPositions(long jobId, ItemPositions positions) {
        Long recorded = run(RECORD_POSITIONS, JobScriptCalls.recordPositions(jobId, positions));
        if (recorded == null || recorded != 1L) {
            throw new IllegalStateException("job " + jobId + " vanished before its items were published");
        }
    }

    @Override
    public Optional<JobSnapshot> find(String tenantId, long jobId) {
        return read(tenantId, jobId, JobScriptCalls.JobPart.RESULTS)
                .map(both -> snapshot(
                        jobId,
                        both.get(0),
                        both.get(1).values().stream()
                                .map(WireCodec::decodeResult)
                                .toList()));
    }

    private static JobSnapshot snapshot(long jobId, Map<String, String> header, List<ItemResult> results) {
        return new JobSnapshot(
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
                results,
                ItemPositions.decode(header.get(JobKeys.POSITIONS)),
                new JobSnapshot.Links(longField(header, JobKeys.PARENT_JOB), longField(header, JobKeys.RETRY_JOB)));
    }

    private static Long longField(Map<String, String> header, String field) {
        String value = header.get(field);
        return value == null ? null : Long.parseLong(value);
    }

    @Override
    public JobPage list(String tenantId, JobQuery query) {
        String key = JobKeys.tenantJobs(tenantId);
        List<JobSnapshot> page = new ArrayList<>(query.limit());
        String after = query.after();
        int looked = 0;
        while (true) {
            Range<String> range = after == null ? Range.unbounded() : Range.leftUnbounded(Range.Bound.exclusive(after));
            List<String> members = List.copyOf(call(() -> redis.opsForZSet()
                    .reverseRangeByLex(key, range, Limit.limit().count(LIST_BATCH))));
            List<Long> jobIds = members.stream().map(RedisJobStore::listedJobId).toList();
            List<Object> headers = jobIds.isEmpty() ? List.of() : headers(jobIds);
            for (int i = 0; i < members.size(); i++) {
                after = members.get(i);
                looked++;
                Map<String, String> header = strings((Map<?, ?>) headers.get(i));
                // a job past its retention is gone while its member waits to be trimmed; an id is never another
                // tenant's, but the owner is what decides
                if (tenantId.equals(header.get(JobKeys.TENANT))) {
                    JobSnapshot job = snapshot(jobIds.get(i), header, List.of());
                    if ((query.status() == null || query.status() == job.status())
                            && (query.type() == null || query.type() == job.type())) {
                        page.add(job);
                        if (page.size() == query.limit()) {
                            return new JobPage(page, after);
                        }
                    }
                }
            }
            if (members.size() < LIST_BATCH) {
                return new JobPage(page, null);
            }
            if (looked >= LIST_LOOK_LIMIT) {
                return new JobPage(page, after);
            }
        }
    }

    /** Every job's whole header in one round trip, a command per job (each in its own slot). */
    private List<Object> headers(List<Long> jobIds) {
        return call(() -> redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                jobIds.forEach(jobId -> operations.opsForHash().entries((K) JobKeys.header(jobId)));
                return null;
            }
        }));
    }

    private static long listedJobId(String member) {
        return Long.parseLong(member.substring(member.indexOf(':') + 1));
    }

    private static Map<String, String> strings(Map<?, ?> map) {
        Map<String, String> strings = new HashMap<>();
        if (map != null) {
            map.forEach((field, value) -> strings.put(String.valueOf(field), String.valueOf(value)));
        }
        return strings;
    }

    @Override
    public Optional<JobHeader> header(String tenantId, long jobId) {
        return read(tenantId, jobId, JobScriptCalls.JobPart.NONE).map(both -> {
            Map<String, String> header = both.get(0);
            return new JobHeader(
                    jobId,
                    header.get(JobKeys.TENANT),
                    JobStatus.fromWireName(header.get(JobKeys.STATUS)),
                    ItemPositions.decode(header.get(JobKeys.POSITIONS)));
        });
    }

    @Override
    public Optional<JobProgress> progress(long jobId) {
        return progressOf(jobId, call(() -> redis.opsForHash().multiGet(JobKeys.header(jobId), PROGRESS_FIELDS)));
    }

    @Override
    public ActiveJobs active(int limit) {
        Set<String> ids = call(() -> redis.opsForZSet().range(JobKeys.ACTIVE_JOBS, 0, limit - 1L));
        if (ids == null || ids.isEmpty()) {
            return new ActiveJobs(List.of(), false);
        }
        // the index may still hold a few ended jobs (dropped below): whether it holds more than the limit is what
        // counts
        Long indexed = call(() -> redis.opsForZSet().zCard(JobKeys.ACTIVE_JOBS));
        boolean truncated = indexed != null && indexed > limit;
        List<Long> jobIds = ids.stream().map(Long::parseLong).toList();
        // one round trip: a job's header per command, each in its own slot
        List<Object> headers = call(() -> redis.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                jobIds.forEach(jobId -> operations.opsForHash().multiGet((K) JobKeys.header(jobId), PROGRESS_FIELDS));
                return null;
            }
        }));
        List<JobProgress> active = new ArrayList<>();
        for (int i = 0; i < jobIds.size(); i++) {
            progressOf(jobIds.get(i), (List<?>) headers.get(i))
                    .filter(job -> !job.status().isTerminal())
                    .ifPresent(active::add);
        }
        return new ActiveJobs(active, truncated);
    }

    /** From the {@link #PROGRESS_FIELDS} of a header; empty when the header is gone. */
    private static Optional<JobProgress> progressOf(long jobId, List<?> values) {
        if (values == null || values.get(0) == null) {
            return Optional.empty();
        }
        Map<String, String> header = new HashMap<>();
        for (int i = 0; i < PROGRESS_FIELDS.size(); i++) {
            if (values.get(i) != null) {
                header.put((String) PROGRESS_FIELDS.get(i), String.valueOf(values.get(i)));
            }
        }
        return Optional.of(new JobProgress(
                jobId,
                header.get(JobKeys.TENANT),
                ItemType.fromPathName(header.get(JobKeys.TYPE)).orElseThrow(),
                JobStatus.fromWireName(header.get(JobKeys.STATUS)),
                intField(header, JobKeys.ITEM_COUNT),
                intField(header, JobKeys.FINISHED) + intField(header, JobKeys.ERRORS),
                ItemPositions.decode(header.get(JobKeys.POSITIONS))));
    }

    @Override
    public List<ItemEnvelope> keptForRetry(String tenantId, long jobId) {
        return read(tenantId, jobId, JobScriptCalls.JobPart.KEPT_FOR_RETRY)
                .map(both -> both.get(1).values().stream()
                        .map(WireCodec::decodeEnvelope)
                        .sorted(Comparator.comparingInt(ItemEnvelope::index))
                        .toList())
                .orElse(List.of());
    }

    @Override
    public boolean linkRetry(String tenantId, long jobId, long retryJobId) {
        Long linked = run(LINK_RETRY, JobScriptCalls.linkRetry(jobId, tenantId, retryJobId));
        return linked != null && linked == 1L;
    }

    /** Header and the part asked for as maps; empty for an unknown or foreign job. */
    private Optional<List<Map<String, String>>> read(String tenantId, long jobId, JobScriptCalls.JobPart part) {
        List<?> both = run(READ, JobScriptCalls.readJob(jobId, tenantId, part));
        if (both == null || both.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(List.of(pairs((List<?>) both.get(0)), pairs((List<?>) both.get(1))));
    }

    @Override
    public StopOutcome stop(String tenantId, long jobId, int processed, Instant now) {
        JobScriptCalls.Moved moved = JobScriptCalls.moved(run(
                END,
                JobScriptCalls.endJob(
                        jobId, tenantId, JobStatus.STOPPED, null, processed, now, properties.retention())));
        StopOutcome stopped = switch (moved.answer()) {
            case "ENDED" -> StopOutcome.STOPPED;
            case "ALREADY" -> StopOutcome.ALREADY_STOPPED;
            default -> StopOutcome.valueOf(moved.answer());
        };
        if (stopped == StopOutcome.STOPPED) {
            try {
                EndedJobs.leaveActive(redis, List.of(Long.toString(jobId)), now);
            } catch (EngineUnavailableException e) {
                // the job is stopped; the watchdog moves it from the index on its next round
            }
        }
        return stopped;
    }

    @Override
    public void delete(long jobId) {
        call(() -> redis.delete(List.of(JobKeys.header(jobId), JobKeys.results(jobId))));
        // no notice of a job that never was: another slot than the job's keys, hence a command of its own
        call(() -> redis.opsForZSet().remove(JobKeys.ACTIVE_JOBS, Long.toString(jobId)));
    }

    private <T> T run(RedisScript<T> script, JobScriptCalls.Call call) {
        return call(() -> redis.execute(script, call.keys(), call.args().toArray()));
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
}
