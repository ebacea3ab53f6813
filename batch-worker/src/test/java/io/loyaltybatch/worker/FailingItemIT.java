package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.UnreadablePayloadException;
import io.loyaltybatch.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;

/** An item whose processing keeps throwing: retried, then reported 5000 and dead-lettered; its job still ends. */
@SpringBootTest(
        properties = {
            "loyalty.items-topic.name=failing-it.items",
            "loyalty.worker.item-retries=2",
            "loyalty.worker.retry-initial-interval=50ms"
        })
@ExtendWith(OutputCaptureExtension.class)
class FailingItemIT extends OnSharedEngines {

    private static final String TOPIC = "failing-it.items";

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

    @Test
    void itemThatKeepsFailingIsReportedWith5000AndDeadLettered(CapturedOutput output) {
        String customer = "failing-" + UUID.randomUUID();
        Items items = Items.forNewJob("acme");
        ItemEnvelope good = items.order(customer, "good-" + customer, "10");
        // an envelope a faulty producer could write: readable, but its order date is not a date
        ItemEnvelope bad =
                items.item(ItemType.ORDERS, customer, Items.orderPayload("bad-" + customer, "not a date", "10"));
        ItemEnvelope after = items.order(customer, "after-" + customer, "5");
        fixture.createJob(items.jobId(), "acme", ItemType.ORDERS, 3);

        fixture.publish(List.of(good, bad, after));
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(fixture.status(items.jobId())));

        assertThat(fixture.header(items.jobId()).get(JobKeys.FINISHED)).isEqualTo("2");
        assertThat(fixture.header(items.jobId()).get(JobKeys.ERRORS)).isEqualTo("1");
        ItemResult failed =
                WireCodec.decodeResult((String) fixture.results(items.jobId()).get("1"));
        assertThat(failed.code()).isEqualTo(ErrorCode.ITEM_NOT_PROCESSED);
        assertThat(failed.message()).isEqualTo("Item could not be processed");
        assertThat(jdbc.queryForObject(
                        "SELECT available_points FROM customers WHERE customer_id = ?", Long.class, customer))
                .isEqualTo(15);

        ConsumerRecord<String, String> dead =
                fixture.readOne(TOPIC + ".DLT", r -> r.value().contains("bad-" + customer));
        assertThat(header(dead, "loyalty-dlt-cause-fqcn")).isEqualTo("java.time.format.DateTimeParseException");
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
        // one line for the final failure, and no stack trace anywhere (its messages quote item values)
        assertThat(output.getOut())
                .contains("Item 1 of job " + items.jobId() + " failed after retries; reported with 5000")
                .doesNotContain("Error handler threw an exception")
                .doesNotContainPattern("(?m)^\\s+at [a-z]");
    }

    @Test
    void itemWhosePayloadIsNotItsKindsRecordIsReported5000AndItsJobEnds() {
        String customer = "unreadable-" + UUID.randomUUID();
        Items items = Items.forNewJob("acme");
        ItemEnvelope good = items.order(customer, "good-" + customer, "10");
        ItemEnvelope written = items.order(customer, "odd-" + customer, "10");
        // the envelope names its item, but its totalPaid is an object no order record can hold
        String odd = WireCodec.encode(written).replace("\"totalPaid\":10", "\"totalPaid\":{\"x\":1}");
        assertThat(odd).contains("{\"x\":1}");
        fixture.createJob(items.jobId(), "acme", ItemType.ORDERS, 2);

        fixture.publishRaw(List.of(
                new ProducerRecord<>(TOPIC, good.partitionKey(), WireCodec.encode(good)),
                new ProducerRecord<>(TOPIC, written.partitionKey(), odd)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(fixture.status(items.jobId())));

        ItemResult failed =
                WireCodec.decodeResult((String) fixture.results(items.jobId()).get("1"));
        assertThat(failed.code()).isEqualTo(ErrorCode.ITEM_NOT_PROCESSED);
        assertThat(failed.customerId()).isEqualTo(customer);
        ConsumerRecord<String, String> dead =
                fixture.readOne(TOPIC + ".DLT", r -> r.value().contains("odd-" + customer));
        assertThat(header(dead, "loyalty-dlt-cause-fqcn")).isEqualTo(UnreadablePayloadException.class.getName());
        assertThat(header(dead, "loyalty-dlt-item")).isEqualTo(items.jobId() + "/1");
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
