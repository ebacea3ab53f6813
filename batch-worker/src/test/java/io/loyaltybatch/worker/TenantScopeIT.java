package io.loyaltybatch.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Should two tenants' jobs ever share an id, neither sees the other's results: stored results are looked up by
 * tenant, and a worker writes results only into a job of the item's own tenant.
 */
@SpringBootTest(
        properties = {
            "loyalty.items-topic.name=tenant-scope-it.items",
            "loyalty.worker.item-retries=1",
            "loyalty.worker.retry-initial-interval=50ms"
        })
class TenantScopeIT extends OnSharedEngines {

    @Autowired
    StringRedisTemplate redis;

    WorkerFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new WorkerFixture(redis, "tenant-scope-it.items");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aRepeatedJobIdNeverReReportsAnotherTenantsResult() {
        long jobId = WorkerFixture.newJobId();
        String acmeCustomer = "acme-secret-" + UUID.randomUUID();
        fixture.createJob(jobId, "acme", ItemType.CUSTOMERS, 1);
        fixture.publish(List.of(new Items("acme", jobId).customer(acmeCustomer)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "completed".equals(fixture.status(jobId)));
        // Redis forgot the job and the id was handed out again, to another tenant
        redis.delete(List.of(JobKeys.header(jobId), JobKeys.results(jobId)));
        fixture.createJob(jobId, "globex", ItemType.CUSTOMERS, 1);

        fixture.publish(List.of(new Items("globex", jobId).customer("globex-" + UUID.randomUUID())));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> fixture.results(jobId).containsKey("0"));
        ItemResult result =
                WireCodec.decodeResult((String) fixture.results(jobId).get("0"));
        assertThat(result.customerId()).isNotEqualTo(acmeCustomer);
        assertThat(result.successful()).isFalse();
    }
}
