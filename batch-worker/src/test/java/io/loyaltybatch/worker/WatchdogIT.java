package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;

/** A job whose items never arrive is failed by the watchdog with a reason; a job that progresses is not. */
@SpringBootTest(
        properties = {
            "loyalty.items-topic.name=watchdog-it.items",
            "loyalty.watchdog.stall-timeout=3s",
            "loyalty.watchdog.check-interval=500ms"
        })
@DirtiesContext
class WatchdogIT extends RealEnginesTest {

    @Autowired
    StringRedisTemplate redis;

    WorkerFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new WorkerFixture(redis, "watchdog-it.items");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void jobWhoseItemsNeverArriveEndsFailedWithAReason() {
        Items lost = Items.forNewJob("acme");
        fixture.createJob(lost.jobId(), "acme", ItemType.CUSTOMERS, 5);
        Items delivered = Items.forNewJob("acme");
        fixture.createJob(delivered.jobId(), "acme", ItemType.CUSTOMERS, 1);
        fixture.publish(List.of(delivered.customer("watched")));

        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(fixture.status(lost.jobId())));

        Map<Object, Object> header = fixture.header(lost.jobId());
        assertThat((String) header.get(JobKeys.FAILURE_REASON)).startsWith("No progress for 3s");
        assertThat(header.get(JobKeys.CANCELLED)).isEqualTo("5");
        assertThat(header.get(JobKeys.COMPLETED_AT)).isNotNull();
        assertThat(fixture.status(delivered.jobId())).isEqualTo("completed");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.opsForZSet().score(JobKeys.ACTIVE_JOBS, Long.toString(lost.jobId())) == null);
    }
}
