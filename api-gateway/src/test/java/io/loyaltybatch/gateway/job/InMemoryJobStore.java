package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.support.EngineUnavailableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link JobStore} in memory, for use-case tests; can be told to be unreachable. */
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
        JobStatus status = job.allRejected() ? JobStatus.FAILED : JobStatus.QUEUED;
        jobs.put(
                job.jobId(),
                new JobSnapshot(
                        job.jobId(),
                        job.tenantId(),
                        job.type(),
                        status,
                        job.itemCount(),
                        0,
                        job.rejected().size(),
                        0,
                        job.createdAt().toString(),
                        null,
                        null,
                        null,
                        List.copyOf(job.rejected())));
    }

    @Override
    public void recordPositions(long jobId, ItemPositions itemPositions) {
        check();
        if (!jobs.containsKey(jobId)) {
            throw new IllegalStateException("job " + jobId + " vanished");
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

    /** Moves a queued job to running, as a worker taking its first item does. */
    void start(long jobId) {
        JobSnapshot job = jobs.get(jobId);
        jobs.put(
                jobId,
                new JobSnapshot(
                        jobId,
                        job.tenantId(),
                        job.type(),
                        JobStatus.RUNNING,
                        job.itemCount(),
                        job.finished(),
                        job.errors(),
                        job.cancelled(),
                        job.createdAt(),
                        job.createdAt(),
                        null,
                        null,
                        job.results()));
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
        if (job.status().isTerminal()) {
            return StopOutcome.FINISHED;
        }
        jobs.put(
                jobId,
                new JobSnapshot(
                        jobId,
                        job.tenantId(),
                        job.type(),
                        JobStatus.STOPPED,
                        job.itemCount(),
                        job.finished(),
                        job.errors(),
                        job.itemCount() - job.results().size() - processed,
                        job.createdAt(),
                        job.startedAt(),
                        now.toString(),
                        null,
                        job.results()));
        return StopOutcome.STOPPED;
    }

    @Override
    public void delete(long jobId) {
        check();
        jobs.remove(jobId);
        positions.remove(jobId);
    }

    private void check() {
        if (down) {
            throw new EngineUnavailableException("Redis", new RuntimeException("down"));
        }
    }
}
