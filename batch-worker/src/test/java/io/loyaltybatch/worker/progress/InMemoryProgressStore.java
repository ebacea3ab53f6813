package io.loyaltybatch.worker.progress;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.JobTransition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ProgressStore} in memory, for use-case tests: jobs of a tenant with counters, results claimed once per
 * index, and the status moves of the job state machine. The same contract suite runs against it and the Redis adapter
 * ({@link ProgressStoreContract}).
 */
public final class InMemoryProgressStore implements ProgressStore {

    /** A job as the store holds it. */
    public static final class Job {
        final String tenantId;
        final int itemCount;
        final Map<Integer, ItemResult> results = new LinkedHashMap<>();
        final Instant createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JobStatus status = JobStatus.QUEUED;

        Job(String tenantId, int itemCount) {
            this.tenantId = tenantId;
            this.itemCount = itemCount;
        }

        public JobStatus status() {
            return status;
        }

        public List<ItemResult> results() {
            return List.copyOf(results.values());
        }
    }

    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    /** Every result recorded, in order, including those that were already known. */
    public final List<JobItemResult> recorded = new ArrayList<>();

    /** Items kept for a retry, by job and index. */
    public final Map<Long, Map<Integer, ItemEnvelope>> keptForRetry = new ConcurrentHashMap<>();

    @Override
    public void keepForRetry(ItemEnvelope item) {
        if (jobs.containsKey(item.jobId())) {
            keptForRetry
                    .computeIfAbsent(item.jobId(), job -> new ConcurrentHashMap<>())
                    .put(item.index(), item);
        }
    }

    public void createJob(long jobId, String tenantId, int itemCount) {
        jobs.put(jobId, new Job(tenantId, itemCount));
    }

    public Job job(long jobId) {
        return jobs.get(jobId);
    }

    @Override
    public synchronized List<StartDecision> claimStarts(List<ItemEnvelope> items, Instant now) {
        List<StartDecision> decisions = new ArrayList<>(items.size());
        for (ItemEnvelope item : items) {
            Job job = jobs.get(item.jobId());
            if (job == null || !job.tenantId.equals(item.tenantId())) {
                decisions.add(StartDecision.UNKNOWN_JOB);
                continue;
            }
            if (job.status.canMoveTo(JobStatus.RUNNING)) {
                job.status = JobStatus.RUNNING;
            }
            decisions.add(StartDecision.APPLY);
        }
        return decisions;
    }

    @Override
    public synchronized List<JobEnd> record(List<JobItemResult> results, Instant now) {
        recorded.addAll(results);
        Map<Long, JobStatus> before = new LinkedHashMap<>();
        for (JobItemResult result : results) {
            Job job = jobs.get(result.jobId());
            if (job != null) {
                before.putIfAbsent(result.jobId(), job.status);
                job.results.putIfAbsent(result.result().index(), result.result());
            }
        }
        List<JobEnd> ends = new ArrayList<>();
        before.forEach((jobId, status) -> {
            Job job = jobs.get(jobId);
            if (job.results.size() >= job.itemCount && !status.isTerminal()) {
                JobStatus target = job.results.values().stream().anyMatch(ItemResult::successful)
                        ? JobStatus.COMPLETED
                        : JobStatus.FAILED;
                // results mean a worker took the job up: a queued job runs before it ends, as in the scripts
                JobStatus from = status == JobStatus.QUEUED ? JobStatus.RUNNING : status;
                job.status = new JobTransition(from, target).to();
                ends.add(new JobEnd(jobId, target, job.createdAt));
            }
        });
        return ends;
    }
}
