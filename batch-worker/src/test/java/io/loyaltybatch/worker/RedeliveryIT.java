package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Every item kind delivered twice through Kafka takes effect once: two copies in one poll (caught within the batch),
 * and its record consumed again after its offset was committed, as after a crash or a rebalance (caught by the
 * ledger's record of processed items).
 */
@SpringBootTest(
        properties = {
            "loyalty.items-topic.name=redelivery-it.items",
            // a group of its own, so its offsets can be rewound while other test contexts keep consuming
            "spring.kafka.consumer.group-id=redelivery-it"
        })
class RedeliveryIT extends OnSharedEngines {

    private static final String TOPIC = "redelivery-it.items";
    private static final String GROUP = "redelivery-it";

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    WorkerFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new WorkerFixture(redis, TOPIC);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private long runJob(ItemType type, List<ItemEnvelope> items) {
        long jobId = items.get(0).jobId();
        fixture.createJob(jobId, "acme", type, items.size());
        fixture.publish(items);
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(fixture.status(jobId)));
        return jobId;
    }

    /** One item of every kind for {@code customer}, in an order in which each takes effect. */
    private static Map<ItemType, Function<Items, ItemEnvelope>> everyKind(String customer) {
        Map<ItemType, Function<Items, ItemEnvelope>> kinds = new LinkedHashMap<>();
        kinds.put(ItemType.CUSTOMERS, items -> items.customer(customer));
        kinds.put(ItemType.ORDERS, items -> items.order(customer, "o-" + customer, "50.00"));
        kinds.put(ItemType.CASHBACK, items -> items.cashback(customer, "c-" + customer, "20.00"));
        kinds.put(ItemType.BALANCE_ADJUSTMENT, items -> items.adjust(customer, 30));
        kinds.put(ItemType.REDEEM, items -> items.redeemPoints(customer, "r-" + customer, 40));
        kinds.put(ItemType.BALANCE_INQUIRY, items -> items.inquiry(customer));
        kinds.put(ItemType.EVENTS, items -> items.events(customer, "login"));
        return kinds;
    }

    private String newCustomer() {
        String customer = "redeliver-" + UUID.randomUUID();
        runJob(ItemType.CUSTOMERS, List.of(Items.forNewJob("acme").customer(customer)));
        return customer;
    }

    @Test
    void everyItemKindTwiceInOnePollTakesEffectOnce() {
        String customer = newCustomer();

        List<ItemEnvelope> twice = new ArrayList<>();
        Map<ItemType, Long> jobs = new LinkedHashMap<>();
        everyKind(customer).forEach((type, make) -> {
            ItemEnvelope item = make.apply(Items.forNewJob("acme"));
            fixture.createJob(item.jobId(), "acme", type, 1);
            jobs.put(type, item.jobId());
            twice.add(item);
            twice.add(item);
        });
        fixture.publish(twice);
        Items marker = Items.forNewJob("acme");
        runJob(ItemType.BALANCE_INQUIRY, List.of(marker.inquiry(customer)));

        assertTookEffectOnce(customer, jobs);
    }

    @Test
    void everyItemKindConsumedAgainAfterItsOffsetWasCommittedTakesEffectOnce() throws Exception {
        String customer = newCustomer();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalEngines.shared().kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> before = committedOnceCaughtUp(admin);
            Map<ItemType, Long> jobs = new LinkedHashMap<>();
            everyKind(customer).forEach((type, make) -> {
                ItemEnvelope item = make.apply(Items.forNewJob("acme"));
                jobs.put(type, runJob(type, List.of(item)));
            });
            Map<TopicPartition, OffsetAndMetadata> after = committedOnceCaughtUp(admin);
            // one customer: every item went to the partition of its key
            List<TopicPartition> moved = after.keySet().stream()
                    .filter(p -> !after.get(p).equals(before.get(p)))
                    .toList();
            assertThat(moved).hasSize(1);
            TopicPartition partition = moved.get(0);
            // each job's record, and the marker of the transaction that published it
            assertThat(after.get(partition).offset() - before.get(partition).offset())
                    .isEqualTo(2L * jobs.size());

            listeners.stop();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> admin.describeConsumerGroups(List.of(GROUP))
                            .all()
                            .get()
                            .get(GROUP)
                            .members()
                            .isEmpty());
            admin.alterConsumerGroupOffsets(GROUP, Map.of(partition, before.get(partition)))
                    .all()
                    .get();
            assertThat(committed(admin).get(partition)).isEqualTo(before.get(partition));
            listeners.start();

            // the records were consumed again: the group's offset moved past them a second time
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> after.get(partition).equals(committed(admin).get(partition)));
            assertTookEffectOnce(customer, jobs);
        }
    }

    /**
     * The group's offsets once it has committed every record of the topic: a job shows as completed in Redis a moment
     * before the worker commits the offsets of its poll, so they are read only when they reached the partitions' ends.
     */
    private static Map<TopicPartition, OffsetAndMetadata> committedOnceCaughtUp(Admin admin) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(admin);
            Map<TopicPartition, OffsetSpec> partitions = new LinkedHashMap<>();
            admin.describeTopics(List.of(TOPIC))
                    .allTopicNames()
                    .get()
                    .get(TOPIC)
                    .partitions()
                    .forEach(p -> partitions.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get().entrySet().stream()
                    .allMatch(end -> end.getValue().offset() == 0
                            || (committed.containsKey(end.getKey())
                                    && committed.get(end.getKey()).offset()
                                            == end.getValue().offset()));
        });
        try {
            return committed(admin);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get();
    }

    private void assertTookEffectOnce(String customer, Map<ItemType, Long> jobs) {
        jobs.forEach((type, jobId) -> {
            assertThat(fixture.status(jobId)).as(type.name()).isEqualTo("completed");
            assertThat(fixture.header(jobId).get(JobKeys.FINISHED))
                    .as(type.name())
                    .isEqualTo("1");
            assertThat(count("processed_items", jobId)).as(type.name()).isEqualTo(1);
        });
        assertThat(count("points_ledger", jobs.get(ItemType.ORDERS))).isEqualTo(1);
        assertThat(count("points_ledger", jobs.get(ItemType.CASHBACK))).isEqualTo(1);
        assertThat(count("points_ledger", jobs.get(ItemType.BALANCE_ADJUSTMENT)))
                .isEqualTo(1);
        assertThat(count("points_ledger", jobs.get(ItemType.REDEEM))).isEqualTo(1);
        assertThat(count("orders", jobs.get(ItemType.ORDERS))).isEqualTo(1);
        assertThat(count("point_transactions", jobs.get(ItemType.CASHBACK))).isEqualTo(1);
        assertThat(count("customer_events", jobs.get(ItemType.EVENTS))).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT available_points FROM customers WHERE customer_id = ?", Long.class, customer))
                .isEqualTo(50 + 20 + 30 - 40);
    }

    private long count(String table, long jobId) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE job_id = ?", Long.class, jobId);
    }
}
