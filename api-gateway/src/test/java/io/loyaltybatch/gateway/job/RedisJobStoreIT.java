package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.JobScriptCalls;
import io.loyaltybatch.support.config.JobsProperties;
import io.loyaltybatch.support.testing.RedisTemplates;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.core.script.RedisScript;

/** The job store contract against the Redis adapter and a real Redis server. */
class RedisJobStoreIT extends JobStoreContract {

    private static RedisTemplates redis;
    private static RedisJobStore store;

    @BeforeAll
    static void connect() {
        redis = RedisTemplates.toSharedEngine();
        store = new RedisJobStore(redis.template(), new JobsProperties(Duration.ofDays(7), Duration.ofDays(30)));
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    JobStore store() {
        return store;
    }

    /** As a worker keeps it: through the shared script. */
    @Override
    void keepForRetry(ItemEnvelope item) {
        JobScriptCalls.Call keep = JobScriptCalls.keepForRetry(item);
        redis.template()
                .execute(
                        RedisScript.of(keep.script().source(), Long.class),
                        keep.keys(),
                        keep.args().toArray());
    }
}
