package io.loyaltybatch.gateway.ops;

import io.loyaltybatch.gateway.job.ItemsConsumption;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.ScheduledTasks;
import io.loyaltybatch.support.config.ItemsTopicProperties;
import io.loyaltybatch.support.kafka.GroupOffsets;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The workers' consumer group lag on every lane's topic, as the broker sees it: per partition, its log-end offset minus
 * the group's committed offset (the log-start offset where the group never committed, as it starts from the earliest
 * record). Read with Kafka's admin client every {@code loyalty.ops.lag-interval}, so it exists with no worker running,
 * which is when an autoscaler needs it (the measure KEDA's kafka trigger and kminion use).
 *
 * <p>Gauges: {@code loyalty_items_lag{topic,partition}} (records) and {@code loyalty_items_lag_seconds}: the total lag
 * divided by the rate at which the group committed over the last {@code loyalty.ops.rate-window}; 0 with no lag,
 * +Inf with lag and no consumption.
 */
@Component
public class ItemsLag implements SchedulingConfigurer, ItemsConsumption {

    private static final Logger log = LoggerFactory.getLogger(ItemsLag.class);

    /**
     * One partition's positions.
     *
     * @param topic             the lane's topic
     * @param consumedPerSecond records of the partition the group committed per second over the rate window
     */
    public record PartitionLag(
            String topic, int partition, long logEndOffset, long committedOffset, long lag, double consumedPerSecond) {

        TopicPartition topicPartition() {
            return new TopicPartition(topic, partition);
        }
    }

    /**
     * A reading of the group's lag, over every lane.
     *
     * @param partitions        by topic (the default lane's first), then partition
     * @param consumedPerSecond records the group committed per second over the rate window (0 before two readings)
     * @param lagSeconds        how long the group takes to consume its lag at that rate
     */
    public record Reading(
            Instant at, List<PartitionLag> partitions, long totalLag, double consumedPerSecond, double lagSeconds) {

        Map<TopicPartition, PartitionLag> byPartition() {
            return partitions.stream().collect(Collectors.toMap(PartitionLag::topicPartition, Function.identity()));
        }
    }

    private record Committed(Instant at, Map<TopicPartition, Long> offsets) {}

    private record Last(Reading reading, Map<TopicPartition, PartitionLag> byPartition) {}

    private final Admin admin;
    private final String group;
    private final ItemsTopicProperties topic;
    private final Pattern laneTopics;
    private final OpsProperties properties;
    private final Clock clock;
    private final MultiGauge lagGauges;
    private final Deque<Committed> history = new ArrayDeque<>();
    private volatile Last last;

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
        this.laneTopics = topic.pattern();
        this.properties = properties;
        this.clock = clock;
        this.lagGauges = MultiGauge.builder("loyalty.items.lag")
                .description("Records of a lane's topic the workers' consumer group has not committed yet")
                .register(registry);
        Gauge.builder("loyalty.items.lag.seconds", this, lag -> {
                    Last reading = lag.last;
                    return reading == null ? Double.NaN : reading.reading().lagSeconds();
                })
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
        List<TopicPartition> partitions = lanePartitions();
        Map<TopicPartition, Long> committed = GroupOffsets.committed(admin, group);
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        // a partition the group never committed is consumed from its first record (auto-offset-reset: earliest)
        List<TopicPartition> neverCommitted =
                partitions.stream().filter(p -> !committed.containsKey(p)).toList();
        Map<TopicPartition, ListOffsetsResultInfo> starts =
                neverCommitted.isEmpty() ? Map.of() : offsets(neverCommitted, OffsetSpec.earliest());
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long offset = committed.get(partition);
            positions.put(partition, offset == null ? starts.get(partition).offset() : offset);
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
            long position = positions.get(partition);
            long end = ends.get(partition).offset();
            long lag = Math.max(0, end - position);
            // a lane or partition new since the oldest reading has no rate yet
            Long before = oldest.offsets().get(partition);
            double consumed = seconds > 0 && before != null ? Math.max(0, position - before) / seconds : 0;
            lags.add(new PartitionLag(partition.topic(), partition.partition(), end, position, lag, consumed));
            total += lag;
            rate += consumed;
        }
        double lagSeconds = total == 0 ? 0 : rate > 0 ? total / rate : Double.POSITIVE_INFINITY;
        Reading reading = new Reading(now, List.copyOf(lags), total, rate, lagSeconds);
        last = new Last(reading, reading.byPartition());
        lagGauges.register(
                lags.stream()
                        .map(p -> MultiGauge.Row.of(
                                Tags.of("topic", p.topic(), "partition", Integer.toString(p.partition())), p.lag()))
                        .toList(),
                true);
        return reading;
    }

    /** Every partition of every lane's topic, the default lane's first. */
    private List<TopicPartition> lanePartitions() throws InterruptedException, ExecutionException, TimeoutException {
        List<String> lanes =
                admin.listTopics().names().get(GroupOffsets.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                        .filter(name -> laneTopics.matcher(name).matches())
                        .sorted(Comparator.comparing((String name) -> !name.equals(topic.name()))
                                .thenComparing(Comparator.naturalOrder()))
                        .toList();
        Map<String, TopicDescription> described =
                admin.describeTopics(lanes).allTopicNames().get(GroupOffsets.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return lanes.stream()
                .flatMap(lane -> IntStream.range(
                                0, described.get(lane).partitions().size())
                        .mapToObj(p -> new TopicPartition(lane, p)))
                .toList();
    }

    /**
     * From the last reading: the records of the job's lane up to and including its last item on each of its
     * partitions that the group has not committed, at the rate the group consumed that lane recently (or, with the
     * lane idle until now, the group's rate). A consumer drains one partition's fetched records before the next, so a
     * partition's own rate says little of when it is reached; the lane's work before the job, over its rate, does.
     * Unknown before the first reading, and while that work is not being consumed.
     */
    @Override
    public OptionalDouble secondsToReach(ItemPositions items) {
        Last reading = last;
        if (reading == null) {
            return OptionalDouble.empty();
        }
        String lane = items.topicOr(topic.name());
        long ahead = 0;
        for (Map.Entry<Integer, Long> lastItem : items.lastOffsets().entrySet()) {
            PartitionLag partition = reading.byPartition().get(new TopicPartition(lane, lastItem.getKey()));
            if (partition == null) {
                return OptionalDouble.empty();
            }
            ahead += Math.max(0, lastItem.getValue() + 1 - partition.committedOffset());
        }
        if (ahead == 0) {
            return OptionalDouble.of(0);
        }
        double laneRate = reading.reading().partitions().stream()
                .filter(p -> p.topic().equals(lane))
                .mapToDouble(PartitionLag::consumedPerSecond)
                .sum();
        double rate = laneRate > 0 ? laneRate : reading.reading().consumedPerSecond();
        return rate > 0 ? OptionalDouble.of(ahead / rate) : OptionalDouble.empty();
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all()
                .get(GroupOffsets.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
