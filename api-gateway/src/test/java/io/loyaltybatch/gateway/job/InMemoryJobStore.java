package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemPositions;
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
                List.copyOf(job.rejected()));
        if (jobs.putIfAbsent(job.jobId(), created) != null) {
            throw new IllegalStateException("job id " + job.jobId() + " already exists");
        }
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
        return Optional.ofNullable(jobs.get(jobId)).filter(job -> job.tenantId().equals(tenantId));
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

    @Override
    public void delete(long jobId) {
        check();
        jobs.remove(jobId);
        positions.remove(jobId);
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
                job.results());
    }

    private void check() {
        if (down) {
            throw new EngineUnavailableException("Redis", new RuntimeException("down"));
        }
    }
}
