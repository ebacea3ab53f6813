package io.loyaltybatch.worker.progress;

import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.support.JobEnds;
import io.loyaltybatch.support.ScheduledTasks;
import io.loyaltybatch.support.config.ItemsTopicProperties;
import io.loyaltybatch.worker.item.JobMdc;
import io.loyaltybatch.worker.ledger.ItemLedger;
import io.loyaltybatch.worker.progress.ProgressStore.JobItemResult;
import io.loyaltybatch.worker.progress.StalledJobs.WatchedJob;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Ends a job only when its missing items provably are not coming. A job whose items are still queued on the items
 * topic is never failed, however long it waits behind a backlog or an outage: the gateway records where each job's
 * items landed (the offset of its last item per partition), and a job is looked at only once the consumer group's
 * committed offset has passed all of them, which means every one of its items was consumed.
 *
 * <p>Such a job, still without results for some items after {@code loyalty.watchdog.stall-timeout}, is first
 * repaired from the ledger (results Redis lost are reported again); what then remains missing never took effect. The
 * end is recorded in the ledger (after which none of its items may take effect, whatever is delivered later) and the
 * job ends {@code failed} with a reason; its missing items are cancelled. A job whose items were never published (its
 * request failed and could not be cleaned up) ends the same way.
 */
@Component
class StalledJobWatchdog implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StalledJobWatchdog.class);
    private static final int BATCH = 100;

    private final StalledJobs jobs;
    private final ConsumedOffsets offsets;
    private final ItemLedger ledger;
    private final ProgressStore progress;
    private final JobEnds ends;
    private final WatchdogProperties properties;
    private final ItemsTopicProperties topic;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();

    StalledJobWatchdog(
            StalledJobs jobs,
            ConsumedOffsets offsets,
            ItemLedger ledger,
            ProgressStore progress,
            JobEnds ends,
            WatchdogProperties properties,
            ItemsTopicProperties topic,
            Clock clock) {
        this.jobs = jobs;
        this.offsets = offsets;
        this.ledger = ledger;
        this.progress = progress;
        this.ends = ends;
        this.properties = properties;
        this.topic = topic;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        ScheduledTasks.withFixedDelay(
                tasks,
                log,
                "The stalled-job watchdog",
                properties.checkInterval(),
                properties.checkInterval(),
                this::check);
    }

    void check() {
        if (!jobs.acquireLease(holder, properties.checkInterval())) {
            return;
        }
        try {
            checkHoldingTheLease();
        } finally {
            jobs.releaseLease(holder);
        }
    }

    private void checkHoldingTheLease() {
        Instant now = clock.instant();
        List<Long> candidates = jobs.withoutProgressSince(now.minus(properties.stallTimeout()), BATCH);
        if (candidates.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> committed = offsets.committed();
        for (long jobId : candidates) {
            Optional<WatchedJob> job = jobs.find(jobId);
            if (job.isEmpty() || job.get().status().isTerminal()) {
                jobs.forget(jobId, now);
            } else if (job.get().positions() != null && !consumed(job.get().positions(), topic.name(), committed)) {
                jobs.postpone(jobId, now);
            } else {
                settle(job.get(), now);
            }
        }
    }

    /** Every item of the job was consumed (or none was ever published): what the ledger holds is all there is. */
    private void settle(WatchedJob job, Instant now) {
        JobMdc.run(job.jobId(), job.tenantId(), () -> settleLogged(job, now));
    }

    private void settleLogged(WatchedJob job, Instant now) {
        List<ItemResult> recorded = ledger.recorded(job.tenantId(), job.jobId());
        progress.record(
                recorded.stream().map(r -> new JobItemResult(job.jobId(), r)).toList(), now);
        if (jobs.find(job.jobId()).map(found -> found.status().isTerminal()).orElse(true)) {
            jobs.forget(job.jobId(), now);
            return;
        }
        String reason = job.positions() == null
                ? "The job's items were never published; none of them was applied"
                : "All of the job's items were consumed but some never took effect; they were cancelled";
        int processed = ends.end(job.tenantId(), job.jobId(), reason);
        if (jobs.fail(job.jobId(), reason, processed, now)) {
            log.warn("Job {} failed by the watchdog: {}", job.jobId(), reason);
        }
        jobs.forget(job.jobId(), now);
    }

    /** Whether the group committed past each of the job's last items, on its lane's topic. */
    static boolean consumed(ItemPositions positions, String defaultTopic, Map<TopicPartition, Long> committed) {
        String lane = positions.topicOr(defaultTopic);
        return positions.lastOffsets().entrySet().stream()
                .allMatch(
                        last -> committed.getOrDefault(new TopicPartition(lane, last.getKey()), -1L) > last.getValue());
    }
}
