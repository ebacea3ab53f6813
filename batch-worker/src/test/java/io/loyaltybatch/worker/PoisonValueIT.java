package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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

/**
 * An item that did not come through the gateway (a faulty producer) and holds a value PostgreSQL refuses: it is
 * reported 5000 and dead-lettered, and the partition moves on, so another tenant's job behind it completes. Neither
 * the worker's log, nor the database's log, nor the dead letter's headers repeat any of its personal data.
 */
@SpringBootTest(
        properties = {
            "loyalty.items-topic.name=poison-it.items",
            "loyalty.worker.item-retries=1",
            "loyalty.worker.retry-initial-interval=50ms",
            "loyalty.worker.retry-max-interval=200ms"
        })
@ExtendWith(OutputCaptureExtension.class)
class PoisonValueIT extends OnSharedEngines {

    private static final String TOPIC = "poison-it.items";

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
    void aValueTheDatabaseRefusesIsReported5000AndDoesNotHoldUpAnotherTenantsJob(CapturedOutput output)
            throws IOException {
        String marker = "pii-" + UUID.randomUUID();
        String poisonCustomer = "nul\u0000" + marker;
        int partition = WorkerFixture.partition("acme/" + poisonCustomer);
        Items poisoned = Items.forNewJob("acme");
        ItemEnvelope poison = ItemEnvelope.of(
                "acme",
                poisoned.jobId(),
                0,
                ItemType.CUSTOMERS,
                poisonCustomer,
                Items.profile(Map.of("email", marker + "\u0000@example.com", "mobile", "+20 100 " + marker)));
        ItemEnvelope fine =
                WorkerFixture.customer("acme", poisoned.jobId(), 1, "fine-" + marker, Items.profile(Map.of()));
        fixture.createJob(poisoned.jobId(), "acme", ItemType.CUSTOMERS, 2);
        Items neighbour = Items.forNewJob("globex");
        String neighbourCustomer = WorkerFixture.customerOnPartition("globex", partition, "neighbour-" + marker);
        fixture.createJob(neighbour.jobId(), "globex", ItemType.CUSTOMERS, 1);

        fixture.publish(List.of(poison, fine));
        fixture.publish(List.of(neighbour.customer(neighbourCustomer)));

        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(fixture.status(neighbour.jobId())));
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(fixture.status(poisoned.jobId())));
        ItemResult reported = WireCodec.decodeResult(
                (String) fixture.results(poisoned.jobId()).get("0"));
        assertThat(reported.code()).isEqualTo(ErrorCode.ITEM_NOT_PROCESSED);
        assertThat(reported.customerId()).isEqualTo("nul\uFFFD" + marker);
        assertThat(fixture.header(poisoned.jobId()).get(JobKeys.FINISHED)).isEqualTo("1");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM processed_items WHERE job_id = ?", Long.class, poisoned.jobId()))
                .isEqualTo(2);

        ConsumerRecord<String, String> dead = fixture.readOne(
                TOPIC + ".DLT", r -> r.value().contains(marker) && r.value().contains("email"));
        for (Header header : dead.headers()) {
            assertThat(new String(header.value(), StandardCharsets.ISO_8859_1))
                    .as("dead-letter header %s", header.key())
                    .doesNotContain(marker);
        }
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-message")).isNull();
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-stacktrace")).isNull();
        assertThat(new String(dead.headers().lastHeader("loyalty-dlt-item").value(), StandardCharsets.UTF_8))
                .isEqualTo(poisoned.jobId() + "/0");
        assertThat(dead.headers().lastHeader("loyalty-dlt-cause-fqcn")).isNotNull();

        assertThat(output.getAll()).doesNotContain(marker);
        assertThat(Files.readString(LocalEngines.shared().postgres().logFile(), StandardCharsets.ISO_8859_1))
                .doesNotContain(marker);
    }
}
