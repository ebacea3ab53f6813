package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

/** A job that ends leaves the index of active jobs at once, not when the watchdog next looks (here: never). */
@SpringBootTest(properties = {"loyalty.items-topic.name=job-ends-it.items", "loyalty.watchdog.check-interval=1h"})
class JobEndsIT extends OnSharedEngines {

    @Autowired
    StringRedisTemplate redis;

    WorkerFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new WorkerFixture(redis, "job-ends-it.items");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aJobThatCompletesLeavesTheActiveIndex() {
        Items items = Items.forNewJob("acme");
        fixture.createJob(items.jobId(), "acme", ItemType.CUSTOMERS, 2);
        assertThat(redis.opsForZSet().score(JobKeys.ACTIVE_JOBS, Long.toString(items.jobId())))
                .isNotNull();

        String customer = "ends-" + UUID.randomUUID();
        fixture.publish(List.of(items.customer(customer), items.customer(customer + "-2")));

        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(fixture.status(items.jobId())));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.opsForZSet().score(JobKeys.ACTIVE_JOBS, Long.toString(items.jobId())) == null);
    }
}
