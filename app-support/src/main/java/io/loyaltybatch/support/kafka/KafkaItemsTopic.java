package io.loyaltybatch.support.kafka;

import io.loyaltybatch.support.config.ItemsTopicProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates the items topic of the default lane (and, for the workers, the dead-letter topic) from {@link ItemsTopicProperties} if it is
 * missing, and otherwise checks it. An application refuses to start when a topic exists with another partition count
 * than configured, rather than changing it: more partitions would move customers' keys to other partitions and break
 * per-customer order for the items in flight, and Kafka cannot take partitions away.
 */
public final class KafkaItemsTopic implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(KafkaItemsTopic.class);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final Map<String, Object> adminConfig;
    private final ItemsTopicProperties topic;
    private final boolean withDeadLetter;

    /**
     * @param adminConfig    how to reach the broker (bootstrap servers, security)
     * @param withDeadLetter whether the dead-letter topic is created or checked too
     */
    public KafkaItemsTopic(Map<String, Object> adminConfig, ItemsTopicProperties topic, boolean withDeadLetter) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.topic = topic;
        this.withDeadLetter = withDeadLetter;
    }

    @Override
    public void afterPropertiesSet() {
        Admin admin = Admin.create(adminConfig);
        try {
            for (NewTopic wanted : topics()) {
                createOrCheck(admin, wanted, topic.checkTimeout());
            }
        } finally {
            // every call that mattered has ended by now: a call still pending (a broker that never answered) is
            // abandoned, so a failed check stops the start at check-timeout, not a grace period later
            admin.close(Duration.ZERO);
        }
    }

    private List<NewTopic> topics() {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(topic.name(), topic.partitions(), topic.replicas()));
        if (withDeadLetter) {
            topics.add(new NewTopic(topic.deadLetterName(), topic.partitions(), topic.replicas()));
        }
        return topics;
    }

    /**
     * Creates the topic if it is missing, or checks its partition count, waiting up to {@code timeout} for a broker
     * that is starting or busy.
     *
     * @throws IllegalStateException if the topic has another partition count, or the broker cannot say in time
     */
    public static void createOrCheck(Admin admin, NewTopic wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                createOrCheckOnce(admin, wanted, deadline);
                return;
            } catch (BrokerNotReadyException e) {
                // a call gives up after the admin client's own timeouts; a broker starting or busy is asked again
                if (System.nanoTime() + RETRY_PAUSE.toNanos() >= deadline) {
                    throw new IllegalStateException(
                            "the broker could not create or describe topic " + wanted.name()
                                    + " within loyalty.items-topic.check-timeout (" + timeout + ")",
                            e.getCause());
                }
                log.warn(
                        "The broker cannot create or describe topic {} yet ({}); asking again",
                        wanted.name(),
                        e.getCause().getClass().getSimpleName());
                LockSupport.parkNanos(RETRY_PAUSE.toNanos());
            }
        }
    }

    /** A call about the topic failed in a way that a later call may not (a timeout, no broker yet). */
    private static final class BrokerNotReadyException extends RuntimeException {
        BrokerNotReadyException(Throwable cause) {
            super(cause);
        }
    }

    private static void createOrCheckOnce(Admin admin, NewTopic wanted, long deadline) {
        TopicDescription existing = describe(admin, wanted.name(), deadline);
        if (existing == null) {
            try {
                await(
                        admin.createTopics(List.of(wanted), new CreateTopicsOptions().timeoutMs(remainingMs(deadline)))
                                .all(),
                        deadline,
                        wanted.name());
                log.info("Created topic {} with {} partition(s)", wanted.name(), wanted.numPartitions());
                return;
            } catch (TopicExistsException e) {
                // created meanwhile by another application starting: check it like any existing topic, once the
                // broker's metadata has it (just after a creation it may not yet: then it is asked again)
                existing = describe(admin, wanted.name(), deadline);
                if (existing == null) {
                    throw new BrokerNotReadyException(e);
                }
            }
        }
        int partitions = existing.partitions().size();
        if (partitions != wanted.numPartitions()) {
            throw new IllegalStateException("topic " + wanted.name() + " has " + partitions
                    + " partition(s) but loyalty.items-topic.partitions is " + wanted.numPartitions()
                    + "; refusing to start: changing the partition count of a topic in use moves customers to other"
                    + " partitions. Configure " + partitions + ", or move to a new topic name");
        }
    }

    private static TopicDescription describe(Admin admin, String name, long deadline) {
        try {
            // the admin client retries within the call's timeout, so a broker that is still starting is waited for
            DescribeTopicsOptions options = new DescribeTopicsOptions().timeoutMs(remainingMs(deadline));
            return await(admin.describeTopics(List.of(name), options).allTopicNames(), deadline, name)
                    .get(name);
        } catch (UnknownTopicOrPartitionException e) {
            return null;
        }
    }

    private static int remainingMs(long deadline) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000));
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, long deadline, String name) {
        try {
            // a little past the deadline, so the call's own timeout is what ends a wait for an absent broker
            return future.get(Math.max(0, deadline - System.nanoTime()) + 1_000_000_000L, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException known
                    && (known instanceof UnknownTopicOrPartitionException || known instanceof TopicExistsException)) {
                throw known;
            }
            if (e.getCause() instanceof RetriableException) {
                throw new BrokerNotReadyException(e.getCause());
            }
            throw new IllegalStateException(
                    "the broker could not create or describe topic " + name
                            + " within loyalty.items-topic.check-timeout",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the broker did not answer in time about topic " + name + " (loyalty.items-topic.check-timeout)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking topic " + name, e);
        }
    }
}
