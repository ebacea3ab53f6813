package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.model.CustomerProfile;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.MalformedEnvelopeException;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.JobEnds;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.JsonNode;

/** The worker against a real Kafka broker, Redis server and PostgreSQL server. */
@SpringBootTest(properties = "loyalty.items-topic.name=worker-it.items")
class CustomerItemsIT extends OnSharedEngines {

    private static final String TOPIC = "worker-it.items";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobEnds ends;

    WorkerFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new WorkerFixture(redis, TOPIC);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static CustomerProfile profile(String json) {
        return WireCodec.mapper().readValue(json, CustomerProfile.class);
    }

    private void awaitStatus(long jobId, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(fixture.status(jobId)));
    }

    private ItemResult result(long jobId, int index) {
        return WireCodec.decodeResult((String) fixture.results(jobId).get(Integer.toString(index)));
    }

    @Test
    void createsThenUpdatesProfilesAndCompletesTheJob() {
        long jobId = WorkerFixture.newJobId();
        fixture.createJob(jobId, "acme", ItemType.CUSTOMERS, 3);
        fixture.publish(List.of(
                WorkerFixture.customer(
                        "acme", jobId, 0, "w-1", profile("{\"email\": \"a@x.co\", \"custom\": {\"a\": 1}}")),
                WorkerFixture.customer("acme", jobId, 1, "w-2", profile("{\"displayName\": \"Bo\"}")),
                WorkerFixture.customer(
                        "acme", jobId, 2, "w-1", profile("{\"city\": \"Cairo\", \"custom\": {\"b\": 2}}"))));

        awaitStatus(jobId, "completed");

        Map<Object, Object> header = fixture.header(jobId);
        assertThat(header.get(JobKeys.FINISHED)).isEqualTo("3");
        assertThat(header.get(JobKeys.ERRORS)).isEqualTo("0");
        assertThat(header.get(JobKeys.STARTED_AT)).isNotNull();
        assertThat(header.get(JobKeys.COMPLETED_AT)).isNotNull();
        assertThat(result(jobId, 0).message()).isEqualTo("Customer created successfully");
        assertThat(result(jobId, 2).message()).isEqualTo("Customer updated successfully");
        JsonNode stored = WireCodec.mapper()
                .readTree(jdbc.queryForObject(
                        "SELECT profile::text FROM customers WHERE tenant_id = 'acme' AND customer_id = 'w-1'",
                        String.class));
        assertThat(stored.get("email").asString()).isEqualTo("a@x.co");
        assertThat(stored.get("city").asString()).isEqualTo("Cairo");
        assertThat(stored.get("custom").get("a").asInt()).isEqualTo(1);
        assertThat(stored.get("custom").get("b").asInt()).isEqualTo(2);
    }

    @Test
    void redeliveredRecordChangesTheDatabaseOnceAndTheCountersOnce() {
        long jobId = WorkerFixture.newJobId();
        fixture.createJob(jobId, "acme", ItemType.CUSTOMERS, 1);
        ItemEnvelope item = WorkerFixture.customer("acme", jobId, 0, "dup-1", profile("{\"email\": \"d@x.co\"}"));
        fixture.publish(List.of(item));
        awaitStatus(jobId, "completed");
        Timestamp firstWrite = updatedAt("dup-1");

        fixture.publish(List.of(item));
        long markerJob = WorkerFixture.newJobId();
        fixture.createJob(markerJob, "acme", ItemType.CUSTOMERS, 1);
        String marker = WorkerFixture.customerOnSamePartition("acme", "dup-1");
        fixture.publish(List.of(WorkerFixture.customer("acme", markerJob, 0, marker, profile("{}"))));
        awaitStatus(markerJob, "completed");

        assertThat(updatedAt("dup-1")).isEqualTo(firstWrite);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_items WHERE job_id = ?", Integer.class, jobId))
                .isEqualTo(1);
        Map<Object, Object> header = fixture.header(jobId);
        assertThat(header.get(JobKeys.FINISHED)).isEqualTo("1");
        assertThat(header.get(JobKeys.ERRORS)).isEqualTo("0");
        assertThat(result(jobId, 0).message()).isEqualTo("Customer created successfully");
    }

    @Test
    void redeliveryInsideOnePollIsAppliedOnce() {
        long jobId = WorkerFixture.newJobId();
        fixture.createJob(jobId, "acme", ItemType.CUSTOMERS, 2);
        ItemEnvelope first = WorkerFixture.customer("acme", jobId, 0, "twice-1", profile("{\"email\": \"t@x.co\"}"));
        ItemEnvelope second = WorkerFixture.customer("acme", jobId, 1, "twice-1", profile("{\"city\": \"Giza\"}"));

        fixture.publish(List.of(first, first, second, first));
        awaitStatus(jobId, "completed");

        assertThat(fixture.header(jobId).get(JobKeys.FINISHED)).isEqualTo("2");
        assertThat(result(jobId, 0).message()).isEqualTo("Customer created successfully");
        assertThat(result(jobId, 1).message()).isEqualTo("Customer updated successfully");
    }

    @Test
    void itemsOfAStoppedJobAreNeverApplied() {
        long jobId = WorkerFixture.newJobId();
        fixture.createJob(jobId, "acme", ItemType.CUSTOMERS, 2);
        assertThat(fixture.stopJob(jobId, "acme", ends)).isEqualTo("ENDED");

        fixture.publish(List.of(
                WorkerFixture.customer("acme", jobId, 0, "stopped-1", profile("{}")),
                WorkerFixture.customer("acme", jobId, 1, "stopped-2", profile("{}"))));
        long markerJob = WorkerFixture.newJobId();
        fixture.createJob(markerJob, "acme", ItemType.CUSTOMERS, 2);
        fixture.publish(List.of(
                WorkerFixture.customer("acme", markerJob, 0, "stopped-1", profile("{}")),
                WorkerFixture.customer("acme", markerJob, 1, "stopped-2", profile("{}"))));
        awaitStatus(markerJob, "completed");

        assertThat(fixture.status(jobId)).isEqualTo("stopped");
        assertThat(fixture.header(jobId).get(JobKeys.CANCELLED)).isEqualTo("2");
        assertThat(fixture.results(jobId)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_items WHERE job_id = ?", Integer.class, jobId))
                .isZero();
        assertThat(result(markerJob, 0).message()).isEqualTo("Customer created successfully");
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicWithoutHoldingUpOthers() {
        long jobId = WorkerFixture.newJobId();
        fixture.createJob(jobId, "acme", ItemType.CUSTOMERS, 1);
        fixture.publishRaw(List.of(
                new ProducerRecord<>(TOPIC, "acme/poison", "{not json"),
                new ProducerRecord<>(
                        TOPIC,
                        "acme/poison",
                        WireCodec.encode(WorkerFixture.customer("acme", jobId, 0, "poison", profile("{}"))))));

        awaitStatus(jobId, "completed");
        ConsumerRecord<String, String> dead = fixture.readOne(TOPIC + ".DLT", r -> "{not json".equals(r.value()));
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPIC);
        assertThat(header(dead, "loyalty-dlt-cause-fqcn")).isEqualTo(MalformedEnvelopeException.class.getName());
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-message")).isNull();
        assertThat(dead.headers().lastHeader("loyalty-dlt-item")).isNull();
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("loyalty-batch-worker");
        assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION))
                .isNotNull();
        assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)).isNotNull();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private Timestamp updatedAt(String customerId) {
        return jdbc.queryForObject(
                "SELECT updated_at FROM customers WHERE tenant_id = 'acme' AND customer_id = ?",
                Timestamp.class,
                customerId);
    }
}
