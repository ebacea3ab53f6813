package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.support.EngineUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link JobStore} (and {@link JobIds}) in memory, for use-case tests; can be told to be unreachable. The same
 * contract suite runs against it and the Redis adapter ({@link JobStoreContract}).
 */
class InMemoryJobStore implements JobStore, JobIds {

    final Map<Long, JobSnapshot> jobs = new ConcurrentHashMap<>();
    final Map<Long, ItemPositions> positions = new ConcurrentHashMap<>();
    /** Each job's member of its tenant's listing, as the Redis adapter orders it. */
    private final Map<Long, String> listed = new ConcurrentHashMap<>();

    private final AtomicLong ids = new AtomicLong(1000);
    volatile boolean down;

    @Override
    public long next() {
        return ids.incrementAndGet();
    }

    @Override
    public void create(NewJob job) {
        check();
        String createdAt = JobKeys.timestamp(job.createdAt());
        JobSnapshot created = new JobSnapshot(
                job.jobId(),
                job.tenantId(),
                job.type(),
                job.allRejected() ? JobStatus.FAILED : JobStatus.QUEUED,
                job.itemCount(),
                0,
                job.rejected().size(),
                0,
                createdAt,
                null,
                job.allRejected() ? createdAt : null,
                null,
                List.copyOf(job.rejected()),
                null,
                new JobSnapshot.Links(job.parentJobId(), null));
        if (jobs.putIfAbsent(job.jobId(), created) != null) {
            throw new IllegalStateException("job id " + job.jobId() + " already exists");
        }
        listed.put(job.jobId(), JobKeys.listed(job.createdAt(), job.jobId()));
    }

    @Override
    public JobPage list(String tenantId, JobQuery query) {
        check();
        List<Long> newestFirst = listed.entrySet().stream()
                .filter(entry -> query.after() == null || entry.getValue().compareTo(query.after()) < 0)
                .sorted(Map.Entry.<Long, String>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
        List<JobSnapshot> page = new java.util.ArrayList<>();
        for (long jobId : newestFirst) {
            JobSnapshot job = jobs.get(jobId);
            if (job != null
                    && job.tenantId().equals(tenantId)
                    && (query.status() == null || query.status() == job.status())
                    && (query.type() == null || query.type() == job.type())) {
                page.add(copy(job, List.of(), positions.get(jobId), job.links()));
                if (page.size() == query.limit()) {
                    return new JobPage(page, listed.get(jobId));
                }
            }
        }
        return new JobPage(page, null);
    }

    @Override
    public void recordPositions(long jobId, ItemPositions itemPositions) {
        check();
        if (!jobs.containsKey(jobId)) {
            throw new IllegalStateException("job " + jobId + " vanished before its items were published");
        }
        positions.put(jobId, itemPositions);
    }

    @Override
    public Optional<JobSnapshot> find(String tenantId, long jobId) {
        check();
        return Optional.ofNullable(jobs.get(jobId))
                .filter(job -> job.tenantId().equals(tenantId))
                .map(job -> copy(job, job.results(), positions.get(jobId), job.links()));
    }

    @Override
    public Optional<JobHeader> header(String tenantId, long jobId) {
        return find(tenantId, jobId)
                .map(job -> new JobHeader(jobId, job.tenantId(), job.status(), positions.get(jobId)));
    }

    @Override
    public Optional<JobProgress> progress(long jobId) {
        check();
        return Optional.ofNullable(jobs.get(jobId))
                .map(job -> new JobProgress(
                        jobId,
                        job.tenantId(),
                        job.type(),
                        job.status(),
                        job.itemCount(),
                        job.finished() + job.errors(),
                        positions.get(jobId)));
    }

    /** In creation order: the fake keeps no progress times. */
    @Override
    public ActiveJobs active(int limit) {
        check();
        List<JobProgress> active = jobs.keySet().stream()
                .sorted()
                .map(jobId -> progress(jobId).orElseThrow())
                .filter(job -> !job.status().isTerminal())
                .toList();
        return new ActiveJobs(active.subList(0, Math.min(limit, active.size())), active.size() > limit);
    }

    /** Records a successful result, as a worker applying the item does. */
    void succeed(long jobId, ItemResult result) {
        jobs.computeIfPresent(jobId, (id, job) -> {
            List<ItemResult> results = new java.util.ArrayList<>(job.results());
            results.add(result);
            return new JobSnapshot(
                    job.jobId(),
                    job.tenantId(),
                    job.type(),
                    JobStatus.RUNNING,
                    job.itemCount(),
                    job.finished() + 1,
                    job.errors(),
                    job.cancelled(),
                    job.createdAt(),
                    job.createdAt(),
                    null,
                    null,
                    List.copyOf(results),
                    job.positions(),
                    job.links());
        });
    }

    /** Ends a job, as a worker recording its last result (or the watchdog) does. */
    void end(long jobId, JobStatus status) {
        jobs.computeIfPresent(jobId, (id, job) -> with(job, status, job.cancelled(), job.createdAt()));
    }

    /** Keeps an item for a retry, as a worker does with an item that failed with 5000. */
    void keep(ItemEnvelope item) {
        kept.merge(item.jobId(), List.of(item), (earlier, more) -> {
            List<ItemEnvelope> all = new java.util.ArrayList<>(earlier);
            all.addAll(more);
            all.sort(java.util.Comparator.comparingInt(ItemEnvelope::index));
            return List.copyOf(all);
        });
    }

    /** Moves a queued job to running, as a worker taking its first item does. */
    void start(long jobId) {
        jobs.computeIfPresent(jobId, (id, job) -> with(job, JobStatus.RUNNING, job.cancelled(), null));
    }

    @Override
    public StopOutcome stop(String tenantId, long jobId, int processed, Instant now) {
        check();
        JobSnapshot job = jobs.get(jobId);
        if (job == null || !job.tenantId().equals(tenantId)) {
            return StopOutcome.NOT_FOUND;
        }
        if (job.status() == JobStatus.STOPPED) {
            return StopOutcome.ALREADY_STOPPED;
        }
        if (!job.status().canMoveTo(JobStatus.STOPPED)) {
            return StopOutcome.FINISHED;
        }
        int invalid = job.results().size();
        int cancelled = Math.max(0, job.itemCount() - invalid - processed);
        jobs.put(jobId, with(job, JobStatus.STOPPED, cancelled, JobKeys.timestamp(now)));
        return StopOutcome.STOPPED;
    }

    /** Items kept for a retry, by job, as workers keep them. */
    final Map<Long, List<ItemEnvelope>> kept = new ConcurrentHashMap<>();

    @Override
    public List<ItemEnvelope> keptForRetry(String tenantId, long jobId) {
        check();
        return find(tenantId, jobId)
                .map(job -> kept.getOrDefault(jobId, List.of()))
                .orElse(List.of());
    }

    @Override
    public boolean linkRetry(String tenantId, long jobId, long retryJobId) {
        check();
        JobSnapshot job = jobs.get(jobId);
        if (job == null || !job.tenantId().equals(tenantId)) {
            return false;
        }
        jobs.put(
                jobId,
                copy(
                        job,
                        job.results(),
                        job.positions(),
                        new JobSnapshot.Links(job.links().parentJobId(), retryJobId)));
        return true;
    }

    @Override
    public void delete(long jobId) {
        check();
        jobs.remove(jobId);
        positions.remove(jobId);
        listed.remove(jobId);
    }

    /** The job with other results, positions and links. */
    private static JobSnapshot copy(
            JobSnapshot job, List<ItemResult> results, ItemPositions positions, JobSnapshot.Links links) {
        return new JobSnapshot(
                job.jobId(),
                job.tenantId(),
                job.type(),
                job.status(),
                job.itemCount(),
                job.finished(),
                job.errors(),
                job.cancelled(),
                job.createdAt(),
                job.startedAt(),
                job.completedAt(),
                job.failureReason(),
                results,
                positions,
                links);
    }

    private static JobSnapshot with(JobSnapshot job, JobStatus status, int cancelled, String completedAt) {
        return new JobSnapshot(
                job.jobId(),
                job.tenantId(),
                job.type(),
                status,
                job.itemCount(),
                job.finished(),
                job.errors(),
                cancelled,
                job.createdAt(),
                status == JobStatus.RUNNING ? job.createdAt() : job.startedAt(),
                completedAt,
                job.failureReason(),
                job.results(),
                job.positions(),
                job.links());
    }

    private void check() {
        if (down) {
            throw new EngineUnavailableException("Redis", new RuntimeException("down"));
        }
    }
}
