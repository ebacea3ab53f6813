package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The watchdog fails a job only when its missing items provably are not coming; a job whose items are merely queued
 * is never failed, however long it waits.
 */
@SpringBootTest(
        properties = {
            "loyalty.items-topic.name=watchdog-it.items",
            "loyalty.watchdog.stall-timeout=2s",
            "loyalty.watchdog.check-interval=300ms"
        })
@DirtiesContext
class WatchdogIT extends OnSharedEngines {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    WorkerFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new WorkerFixture(redis, "watchdog-it.items");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private Double activeScore(long jobId) {
        return redis.opsForZSet().score(JobKeys.ACTIVE_JOBS, Long.toString(jobId));
    }

    @Test
    void aJobWhoseItemsAreQueuedIsNeverFailedHoweverLongItWaits() {
        MessageListenerContainer container = listeners.getListenerContainer("items");
        Items queued = Items.forNewJob("acme");
        String customer = "queued-" + UUID.randomUUID();
        container.pause();
        try {
            await().atMost(Duration.ofSeconds(30)).until(container::isContainerPaused);
            // as the gateway does: the job, then its items, positioned with it before they become visible
            fixture.createJob(queued.jobId(), "acme", ItemType.CUSTOMERS, 2);
            double createdScore = activeScore(queued.jobId());
            fixture.publish(List.of(queued.customer(customer), queued.customer(customer + "-2")));
            // the watchdog looked at it more than once, long past the stall timeout, and left it waiting
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            activeScore(queued.jobId()) != null && activeScore(queued.jobId()) > createdScore + 4_000);
            assertThat(fixture.status(queued.jobId())).isEqualTo("queued");
        } finally {
            container.resume();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(fixture.status(queued.jobId())));
        assertThat(fixture.header(queued.jobId()).get(JobKeys.CANCELLED)).isEqualTo("0");
        assertThat(fixture.header(queued.jobId()).get(JobKeys.FINISHED)).isEqualTo("2");
    }

    @Test
    void aJobWhoseItemsWereAllConsumedButNeverArrivedEndsFailedWithAReason() {
        Items delivered = Items.forNewJob("acme");
        fixture.createJob(delivered.jobId(), "acme", ItemType.CUSTOMERS, 1);
        fixture.publish(List.of(delivered.customer("watched-" + UUID.randomUUID())));
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(fixture.status(delivered.jobId())));
        // a job whose items were written where the delivered one's are, and then lost from the topic
        String deliveredAt = (String) fixture.header(delivered.jobId()).get(JobKeys.POSITIONS);
        Items lost = Items.forNewJob("acme");
        fixture.createJob(lost.jobId(), "acme", ItemType.CUSTOMERS, 5);
        fixture.recordPositions(lost.jobId(), ItemPositions.decode(deliveredAt));

        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(fixture.status(lost.jobId())));

        Map<Object, Object> header = fixture.header(lost.jobId());
        assertThat((String) header.get(JobKeys.FAILURE_REASON)).startsWith("All of the job's items were consumed");
        assertThat(header.get(JobKeys.CANCELLED)).isEqualTo("5");
        assertThat(header.get(JobKeys.COMPLETED_AT)).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM job_ends WHERE job_id = ?", Long.class, lost.jobId()))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> activeScore(lost.jobId()) == null);
    }

    @Test
    void aJobWhoseItemsWereNeverPublishedEndsFailed() {
        Items never = Items.forNewJob("acme");
        fixture.createJob(never.jobId(), "acme", ItemType.CUSTOMERS, 3);

        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(fixture.status(never.jobId())));

        assertThat((String) fixture.header(never.jobId()).get(JobKeys.FAILURE_REASON))
                .isEqualTo("The job's items were never published; none of them was applied");
        assertThat(fixture.header(never.jobId()).get(JobKeys.CANCELLED)).isEqualTo("3");
    }
}
