package io.loyaltybatch.worker.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScriptCalls;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.config.JobsProperties;
import io.loyaltybatch.support.testing.RedisTemplates;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.redis.core.script.RedisScript;

/** The progress store contract against the Redis adapter and a real Redis server. */
class RedisProgressStoreIT extends ProgressStoreContract {

    private static RedisTemplates redis;
    private static RedisProgressStore store;

    @BeforeAll
    static void connect() {
        redis = RedisTemplates.toSharedEngine();
        store = new RedisProgressStore(redis.template(), new JobsProperties(Duration.ofHours(1), Duration.ofDays(30)));
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    ProgressStore store() {
        return store;
    }

    @Override
    void createJob(long jobId, String tenantId, int itemCount) {
        JobScriptCalls.Call create = JobScriptCalls.createJob(
                jobId,
                tenantId,
                ItemType.CUSTOMERS,
                itemCount,
                Instant.now(),
                Duration.ofHours(1),
                Duration.ofHours(1),
                List.of());
        redis.template()
                .execute(
                        RedisScript.of(create.script().source(), Long.class),
                        create.keys(),
                        create.args().toArray());
    }

    @Override
    JobStatus status(long jobId) {
        return JobStatus.fromWireName(
                (String) redis.template().opsForHash().get(JobKeys.header(jobId), JobKeys.STATUS));
    }

    @Override
    List<ItemResult> results(long jobId) {
        return redis.template().opsForHash().values(JobKeys.results(jobId)).stream()
                .map(json -> WireCodec.decodeResult((String) json))
                .toList();
    }

    @Override
    Map<Integer, ItemEnvelope> keptForRetry(long jobId) {
        Map<Integer, ItemEnvelope> kept = new HashMap<>();
        redis.template()
                .opsForHash()
                .entries(JobKeys.retryItems(jobId))
                .forEach((index, json) ->
                        kept.put(Integer.parseInt((String) index), WireCodec.decodeEnvelope((String) json)));
        // kept as long as the job: the key expires with the header
        if (!kept.isEmpty()) {
            assertThat(redis.template().getExpire(JobKeys.retryItems(jobId)))
                    .isPositive()
                    .isLessThanOrEqualTo(redis.template().getExpire(JobKeys.header(jobId)));
        }
        return kept;
    }
}
