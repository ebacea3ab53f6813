package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every item kind, its record delivered twice through Kafka: the ledger and the counters change once. */
@SpringBootTest(properties = "loyalty.items-topic.name=redelivery-it.items")
class RedeliveryIT extends RealEnginesTest {

    private static final String TOPIC = "redelivery-it.items";

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

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

    @Test
    void everyItemKindDeliveredTwiceTakesEffectOnce() {
        String customer = "redeliver-" + UUID.randomUUID();
        Items setup = Items.forNewJob("acme");
        runJob(ItemType.CUSTOMERS, List.of(setup.customer(customer)));

        Map<ItemType, Function<Items, ItemEnvelope>> kinds = new LinkedHashMap<>();
        kinds.put(ItemType.CUSTOMERS, items -> items.customer(customer));
        kinds.put(ItemType.ORDERS, items -> items.order(customer, "o-" + customer, "50.00"));
        kinds.put(ItemType.CASHBACK, items -> items.cashback(customer, "c-" + customer, "20.00"));
        kinds.put(ItemType.BALANCE_ADJUSTMENT, items -> items.adjust(customer, 30));
        kinds.put(ItemType.REDEEM, items -> items.redeemPoints(customer, "r-" + customer, 40));
        kinds.put(ItemType.BALANCE_INQUIRY, items -> items.inquiry(customer));
        kinds.put(ItemType.EVENTS, items -> items.events(customer, "login"));

        List<ItemEnvelope> twice = new ArrayList<>();
        Map<ItemType, Long> jobs = new LinkedHashMap<>();
        kinds.forEach((type, make) -> {
            ItemEnvelope item = make.apply(Items.forNewJob("acme"));
            fixture.createJob(item.jobId(), "acme", type, 1);
            jobs.put(type, item.jobId());
            twice.add(item);
            twice.add(item);
        });
        fixture.publish(twice);
        Items marker = Items.forNewJob("acme");
        runJob(ItemType.BALANCE_INQUIRY, List.of(marker.inquiry(customer)));

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
