package io.loyaltybatch.gateway.ops;

import io.loyaltybatch.gateway.job.ItemsConsumption;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.ScheduledTasks;
import io.loyaltybatch.support.config.ItemsTopicProperties;
import io.loyaltybatch.support.kafka.GroupOffsets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The workers' consumer group lag on the items topic, as the broker sees it: per partition, its log-end offset minus
 * the group's committed offset (the log-start offset where the group never committed, as it starts from the earliest
 * record). Read with Kafka's admin client every {@code loyalty.ops.lag-interval}, so it exists with no worker running,
 * which is when an autoscaler needs it (the measure KEDA's kafka trigger and kminion use).
 *
 * <p>Gauges: {@code loyalty_items_lag{partition}} (records) and {@code loyalty_items_lag_seconds}: the total lag
 * divided by the rate at which the group committed over the last {@code loyalty.ops.rate-window}; 0 with no lag,
 * +Inf with lag and no consumption.
 */
@Component
public class ItemsLag implements SchedulingConfigurer, ItemsConsumption {

    private static final Logger log = LoggerFactory.getLogger(ItemsLag.class);

    /**
     * One partition's positions.
     *
     * @param consumedPerSecond records of the partition the group committed per second over the rate window
     */
    public record PartitionLag(
            int partition, long logEndOffset, long committedOffset, long lag, double consumedPerSecond) {}

    /**
     * A reading of the group's lag.
     *
     * @param consumedPerSecond records the group committed per second over the rate window (0 before two readings)
     * @param lagSeconds        how long the group takes to consume its lag at that rate
     */
    public record Reading(
            Instant at, List<PartitionLag> partitions, long totalLag, double consumedPerSecond, double lagSeconds) {}

    private record Committed(Instant at, long[] offsets) {}

    private final Admin admin;
    private final String group;
    private final ItemsTopicProperties topic;
    private final OpsProperties properties;
    private final Clock clock;
    private final Deque<Committed> history = new ArrayDeque<>();
    private volatile Reading last;

    ItemsLag(
            Admin admin,
            KafkaProperties kafka,
            ItemsTopicProperties topic,
            OpsProperties properties,
            Clock clock,
            MeterRegistry registry) {
        this.admin = admin;
        this.group = kafka.getConsumer().getGroupId();
        this.topic = topic;
        this.properties = properties;
        this.clock = clock;
        for (int partition = 0; partition < topic.partitions(); partition++) {
            int p = partition;
            Gauge.builder("loyalty.items.lag", this, lag -> lag.lagOf(p))
                    .description("Records of the items topic the workers' consumer group has not committed yet")
                    .tag("partition", Integer.toString(p))
                    .register(registry);
        }
        Gauge.builder("loyalty.items.lag.seconds", this, lag -> lag.last == null ? Double.NaN : lag.last.lagSeconds())
                .description("Seconds the workers' consumer group takes to consume its lag at its recent rate")
                .register(registry);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        ScheduledTasks.withFixedDelay(
                tasks,
                log,
                "Reading the consumer group's lag",
                properties.lagInterval(),
                Duration.ZERO,
                this::refreshNow);
    }

    private double lagOf(int partition) {
        Reading reading = last;
        return reading == null
                ? Double.NaN
                : reading.partitions().get(partition).lag();
    }

    private void refreshNow() {
        try {
            refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new EngineUnavailableException("Kafka", e);
        }
    }

    /** Reads the lag from the broker now. */
    public synchronized Reading refresh() throws InterruptedException, ExecutionException, TimeoutException {
        List<TopicPartition> partitions = IntStream.range(0, topic.partitions())
                .mapToObj(p -> new TopicPartition(topic.name(), p))
                .toList();
        Map<Integer, Long> committed = GroupOffsets.committed(admin, group, topic.name());
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        // a partition the group never committed is consumed from its first record (auto-offset-reset: earliest)
        List<TopicPartition> neverCommitted = partitions.stream()
                .filter(p -> !committed.containsKey(p.partition()))
                .toList();
        Map<TopicPartition, ListOffsetsResultInfo> starts =
                neverCommitted.isEmpty() ? Map.of() : offsets(neverCommitted, OffsetSpec.earliest());
        long[] positions = new long[partitions.size()];
        for (TopicPartition partition : partitions) {
            Long offset = committed.get(partition.partition());
            positions[partition.partition()] =
                    offset == null ? starts.get(partition).offset() : offset;
        }
        Instant now = clock.instant();
        history.addLast(new Committed(now, positions));
        while (history.size() > 2
                && Duration.between(history.peekFirst().at(), now).compareTo(properties.rateWindow()) > 0) {
            history.removeFirst();
        }
        Committed oldest = history.peekFirst();
        double seconds = Duration.between(oldest.at(), now).toMillis() / 1000.0;
        List<PartitionLag> lags = new ArrayList<>(partitions.size());
        long total = 0;
        double rate = 0;
        for (TopicPartition partition : partitions) {
            int p = partition.partition();
            long end = ends.get(partition).offset();
            long lag = Math.max(0, end - positions[p]);
            // a partition the topic gained since the oldest reading has no rate yet
            double consumed = seconds > 0 && p < oldest.offsets().length
                    ? Math.max(0, positions[p] - oldest.offsets()[p]) / seconds
                    : 0;
            lags.add(new PartitionLag(p, end, positions[p], lag, consumed));
            total += lag;
            rate += consumed;
        }
        double lagSeconds = total == 0 ? 0 : rate > 0 ? total / rate : Double.POSITIVE_INFINITY;
        last = new Reading(now, List.copyOf(lags), total, rate, lagSeconds);
        return last;
    }

    /**
     * From the last reading: the records up to and including the job's last item on each of its partitions that the
     * group has not committed, at the group's recent rate. A consumer drains one partition's fetched records before
     * the next, so a partition's own rate says little of when it is reached; the group's work before the job, over
     * its rate, does. Unknown before the first reading, and while that work is not being consumed.
     */
    @Override
    public OptionalDouble secondsToReach(ItemPositions items) {
        Reading reading = last;
        if (reading == null) {
            return OptionalDouble.empty();
        }
        long ahead = 0;
        for (Map.Entry<Integer, Long> lastItem : items.lastOffsets().entrySet()) {
            if (lastItem.getKey() >= reading.partitions().size()) {
                return OptionalDouble.empty();
            }
            ahead += Math.max(
                    0,
                    lastItem.getValue()
                            + 1
                            - reading.partitions().get(lastItem.getKey()).committedOffset());
        }
        if (ahead == 0) {
            return OptionalDouble.of(0);
        }
        return reading.consumedPerSecond() > 0
                ? OptionalDouble.of(ahead / reading.consumedPerSecond())
                : OptionalDouble.empty();
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all()
                .get(GroupOffsets.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
