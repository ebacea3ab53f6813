package io.loyaltybatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.BatchApiClient.Response;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.RedisCluster;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The loyalty scenarios (jobs of every kind) with Redis as a real cluster of three masters instead of one server, as
 * {@code spring.data.redis.cluster.nodes} configures it; plus a stop of a running job and status reads through it.
 * Every script touches the keys of one job, which share a hash tag; a script touching two slots would fail here with
 * {@code CROSSSLOT}.
 */
class RedisClusterIT extends LoyaltyScenarios {

    private final RedisCluster cluster = new RedisCluster(3);

    @Override
    AppProcesses system() {
        cluster.start();
        Map<String, String> engines = new LinkedHashMap<>(LocalEngines.shared().springEnvironment());
        engines.remove("SPRING_DATA_REDIS_URL");
        engines.putAll(cluster.springEnvironment());
        // small polls and one consumer thread keep a 1,000-item job running long enough to stop it mid-way
        return AppProcesses.forTests(engines)
                .withEnv("SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "20")
                .withEnv("SPRING_KAFKA_LISTENER_CONCURRENCY", "1");
    }

    @AfterAll
    void stopCluster() {
        cluster.close();
    }

    @Test
    void aRunningJobIsStoppedAndItsStatusReadThroughTheClusterWhoseNodesAllHoldJobs() {
        String prefix = "cluster-stop-" + UUID.randomUUID();
        // 40 jobs: the chance that their hash tags leave one of three masters without a job is below 1 in a million
        IntStream.range(0, 40)
                .mapToLong(i -> submit("customers", only(prefix + "-small-" + i)))
                .boxed()
                .toList()
                .forEach(small ->
                        assertThat(finished(small).get("status").asString()).isEqualTo("completed"));
        long jobId = submit(
                "customers",
                IntStream.range(0, 1000).mapToObj(i -> only(prefix + "-" + i)).collect(Collectors.joining(",")));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> json(api.status(jobId)).get("finishedCount").asInt() > 0);

        Response stop = api.stop(jobId);

        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        JsonNode atStop = json(api.status(jobId));
        assertThat(atStop.get("status").asString()).isEqualTo("stopped");
        assertThat(atStop.get("cancelledCount").asInt()).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode now = json(api.status(jobId));
            return now.get("finishedCount").asInt() + now.get("cancelledCount").asInt() == 1000;
        });
        assertThat(json(api.status(jobId)).get("response").get("successful").size())
                .isEqualTo(json(api.status(jobId)).get("finishedCount").asInt());
        // jobs' keys are spread over the masters by their hash tags: each one took part
        assertThat(cluster.keysPerNode())
                .hasSize(3)
                .allSatisfy(keys -> assertThat(keys).isPositive());
    }
}
