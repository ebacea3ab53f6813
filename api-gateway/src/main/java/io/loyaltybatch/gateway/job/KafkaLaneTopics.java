package io.loyaltybatch.gateway.job;

import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.config.ItemsTopicProperties;
import io.loyaltybatch.support.kafka.KafkaItemsTopic;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topic of each lane, created on first use with {@code loyalty.items-topic.lane-partitions} partitions, or checked
 * if it exists: once per lane and gateway process. The default lane's topic is checked at start
 * ({@link KafkaItemPublisher#itemsTopic}). A tenant's lane thus exists from its first job on.
 */
final class KafkaLaneTopics implements AutoCloseable {

    /** How long a request waits for the broker to create or describe a lane's topic. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> adminConfig;
    private final ItemsTopicProperties topic;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private Admin admin;

    KafkaLaneTopics(Map<String, Object> adminConfig, ItemsTopicProperties topic) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.topic = topic;
    }

    /**
     * The topic of the lane ({@code null}: the default lane), which exists once this returns.
     *
     * @throws EngineUnavailableException if the broker could not create or describe it in time
     */
    String ready(String lane) {
        String name = topic.laneTopic(lane);
        if (lane != null && !ready.contains(name)) {
            try {
                KafkaItemsTopic.createOrCheck(
                        admin(),
                        new NewTopic(name, topic.lanePartitions(), topic.replicas()),
                        REQUEST_TIMEOUT.compareTo(topic.checkTimeout()) < 0 ? REQUEST_TIMEOUT : topic.checkTimeout());
            } catch (IllegalStateException e) {
                throw new EngineUnavailableException("Kafka", e);
            }
            ready.add(name);
        }
        return name;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
