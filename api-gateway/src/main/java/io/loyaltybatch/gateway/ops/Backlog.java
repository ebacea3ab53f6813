package io.loyaltybatch.gateway.ops;

import io.loyaltybatch.gateway.job.JobProgress;
import io.loyaltybatch.gateway.job.JobStore;
import io.loyaltybatch.support.config.ItemsTopicProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * What waits to be applied, for operators: items of active jobs by tenant, and where one job's items are in the
 * partitions of its lane's topic against the workers' committed offsets. Reads jobs of every tenant.
 */
@Component
class Backlog {

    /** Active jobs read at most per answer; more are reported as {@code truncated}. */
    static final int MAX_ACTIVE_JOBS = 10_000;

    /** A tenant's active jobs and their items without a result yet (queued in the topic, or being applied). */
    record TenantBacklog(String tenant, int jobs, long pendingItems) {}

    record Queued(Instant at, int activeJobs, boolean truncated, long pendingItems, List<TenantBacklog> tenants) {}

    /**
     * @param topic          the topic of the job's lane
     * @param lastItemOffset the offset of the job's last item in the partition
     * @param recordsAhead   records of the partition up to and including that item that the group has not committed:
     *                       0 once the job's items there are all consumed
     */
    record PartitionPosition(
            String topic, int partition, long lastItemOffset, long committedOffset, long recordsAhead) {}

    record JobPositions(
            long jobId,
            String tenant,
            String type,
            String status,
            int itemCount,
            int pendingItems,
            List<PartitionPosition> partitions) {}

    private final JobStore jobs;
    private final ItemsLag lag;
    private final ItemsTopicProperties topic;
    private final Clock clock;

    Backlog(JobStore jobs, ItemsLag lag, ItemsTopicProperties topic, Clock clock) {
        this.jobs = jobs;
        this.lag = lag;
        this.topic = topic;
        this.clock = clock;
    }

    /** The tenants with active jobs, most pending items first. */
    Queued queued() {
        JobStore.ActiveJobs read = jobs.active(MAX_ACTIVE_JOBS);
        List<JobProgress> active = read.jobs();
        Map<String, List<JobProgress>> byTenant = active.stream()
                .collect(Collectors.groupingBy(JobProgress::tenantId, LinkedHashMap::new, Collectors.toList()));
        List<TenantBacklog> tenants = byTenant.entrySet().stream()
                .map(tenant -> new TenantBacklog(
                        tenant.getKey(),
                        tenant.getValue().size(),
                        tenant.getValue().stream()
                                .mapToLong(JobProgress::pending)
                                .sum()))
                .sorted(Comparator.comparingLong(TenantBacklog::pendingItems)
                        .reversed()
                        .thenComparing(TenantBacklog::tenant))
                .toList();
        return new Queued(
                clock.instant(),
                active.size(),
                read.truncated(),
                tenants.stream().mapToLong(TenantBacklog::pendingItems).sum(),
                tenants);
    }

    /** Where the job's items are, read from the broker now; empty for an unknown job. */
    Optional<JobPositions> job(long jobId) throws InterruptedException, ExecutionException, TimeoutException {
        Optional<JobProgress> found = jobs.progress(jobId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        JobProgress job = found.get();
        List<PartitionPosition> partitions = List.of();
        if (job.positions() != null) {
            Map<TopicPartition, ItemsLag.PartitionLag> committed = lag.refresh().byPartition();
            String lane = job.positions().topicOr(topic.name());
            partitions = job.positions().lastOffsets().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(last -> {
                        ItemsLag.PartitionLag read = committed.get(new TopicPartition(lane, last.getKey()));
                        long consumed = read == null ? 0 : read.committedOffset();
                        return new PartitionPosition(
                                lane,
                                last.getKey(),
                                last.getValue(),
                                consumed,
                                Math.max(0, last.getValue() + 1 - consumed));
                    })
                    .toList();
        }
        return Optional.of(new JobPositions(
                job.jobId(),
                job.tenantId(),
                job.type().pathName(),
                job.status().wireName(),
                job.itemCount(),
                job.pending(),
                partitions));
    }
}
