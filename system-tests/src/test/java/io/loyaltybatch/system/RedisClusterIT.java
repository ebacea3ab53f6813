package io.loyaltybatch.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.RedisCluster;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The loyalty scenarios (jobs of every kind, a stop of a running job, status reads) with Redis as a real cluster of
 * three masters instead of one server, as {@code spring.data.redis.cluster.nodes} configures it. Every script touches
 * the keys of one job, which share a hash tag; a script touching two slots would fail here with {@code CROSSSLOT}.
 */
class RedisClusterIT extends LoyaltyScenarios {

    private final RedisCluster cluster = new RedisCluster(3);

    @Override
    AppProcesses system() {
        cluster.start();
        Map<String, String> engines = new LinkedHashMap<>(LocalEngines.shared().springEnvironment());
        engines.remove("SPRING_DATA_REDIS_URL");
        engines.putAll(cluster.springEnvironment());
        return AppProcesses.forTests(engines);
    }

    /** The apps first, then the cluster: apps that outlived it would log their retries against it. */
    @Override
    @AfterAll
    void stop() {
        super.stop();
        cluster.close();
    }

    @Test
    void jobsSpreadOverEveryMasterByTheirHashTags() {
        String prefix = "cluster-" + UUID.randomUUID();
        // 40 jobs: the chance that their hash tags leave one of three masters without a job is below 1 in a million
        IntStream.range(0, 40)
                .mapToLong(i -> submit("customers", only(prefix + "-" + i)))
                .boxed()
                .toList()
                .forEach(job ->
                        assertThat(finished(job).get("status").asString()).isEqualTo("completed"));

        assertThat(cluster.keysPerNode("job:{*}:header"))
                .hasSize(3)
                .allSatisfy(keys -> assertThat(keys).isPositive());
    }
}
