package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.worker.ledger.LedgerOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The worker's own metrics (Micrometer; {@code /actuator/prometheus} on the management port). Every tag takes a
 * bounded set of values: item types, outcomes, error codes and job statuses are enums; there is no tenant or job tag.
 *
 * <ul>
 *   <li>{@code loyalty_items_processed_total{type,outcome,code}}: outcome {@code succeeded}, {@code failed} (with the
 *       error code), {@code cancelled} (its job ended first) or {@code re-reported} (a redelivery of an item applied
 *       before, which re-reports its first result and applies nothing);
 *   <li>{@code loyalty_items_latency_seconds}: from an item's publication by the gateway (its record's timestamp) to
 *       its result being recorded: queueing and applying, with SLO buckets;
 *   <li>{@code loyalty_jobs_ended_total{type,status}}: jobs whose last item this worker recorded, and
 *       {@code loyalty_jobs_duration_seconds{type,status}}: from their acceptance (to the second) to that end;
 *   <li>{@code loyalty_poll_records}: records per poll;
 *   <li>{@code loyalty_items_dead_lettered_total}, {@code loyalty_polls_retried_total}: records sent to the
 *       dead-letter topic, and polls delivered again because an engine could not serve.
 * </ul>
 */
@Component
public class ItemMetrics {

    private static final Duration[] LATENCY_SLOS = {
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15)
    };

    private static final Duration[] JOB_SLOS = {
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofHours(1)
    };

    private final MeterRegistry registry;
    private final Timer latency;
    private final DistributionSummary pollRecords;
    private final Counter deadLettered;
    private final Counter retried;

    ItemMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("loyalty.items.latency")
                .description("From an item's publication by the gateway to its result being recorded")
                .serviceLevelObjectives(LATENCY_SLOS)
                .register(registry);
        this.pollRecords = DistributionSummary.builder("loyalty.poll.records")
                .description("Records per poll of the items topic")
                .register(registry);
        this.deadLettered = Counter.builder("loyalty.items.dead.lettered")
                .description("Item records sent to the dead-letter topic")
                .register(registry);
        this.retried = Counter.builder("loyalty.polls.retried")
                .description("Polls delivered again because Kafka, Redis or PostgreSQL could not serve")
                .register(registry);
    }

    /** Counts what the ledger did with each item of a poll: one increment per distinct outcome, not per item. */
    void processed(List<ItemEnvelope> items, List<LedgerOutcome> outcomes) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            counts.merge(tags(items.get(i).type(), outcomes.get(i)), 1, Integer::sum);
        }
        counts.forEach((tags, count) -> Counter.builder("loyalty.items.processed")
                .description("Items processed, by type and outcome")
                .tags("type", tags.get(0), "outcome", tags.get(1), "code", tags.get(2))
                .register(registry)
                .increment(count));
    }

    private static List<String> tags(ItemType type, LedgerOutcome outcome) {
        if (outcome instanceof LedgerOutcome.Recorded recorded) {
            if (recorded.earlier()) {
                return List.of(type.pathName(), "re-reported", "none");
            }
            return recorded.result().successful()
                    ? List.of(type.pathName(), "succeeded", "none")
                    : List.of(
                            type.pathName(), "failed", recorded.result().code().name());
        }
        return List.of(type.pathName(), "cancelled", "none");
    }

    /** A job this worker's results ended, {@code sinceCreated} after its POST was accepted (to the second). */
    void jobEnded(ItemType type, JobStatus status, Duration sinceCreated) {
        Counter.builder("loyalty.jobs.ended")
                .description("Jobs ended by this worker's results, by type and terminal status")
                .tags("type", type.pathName(), "status", status.wireName())
                .register(registry)
                .increment();
        Timer.builder("loyalty.jobs.duration")
                .description("From a job's acceptance (to the second) to its end by its last result")
                .tags("type", type.pathName(), "status", status.wireName())
                .serviceLevelObjectives(JOB_SLOS)
                .register(registry)
                .record(sinceCreated.isNegative() ? Duration.ZERO : sinceCreated);
    }

    /** The records of a poll that are done, with their publication times (epoch milliseconds). */
    void done(List<Long> publishedAtMillis, long nowMillis) {
        publishedAtMillis.forEach(at -> latency.record(Duration.ofMillis(Math.max(0, nowMillis - at))));
    }

    void poll(int records) {
        pollRecords.record(records);
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void retried() {
        retried.increment();
    }
}
