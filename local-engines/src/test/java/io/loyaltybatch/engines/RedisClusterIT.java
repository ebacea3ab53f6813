package io.loyaltybatch.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RedisClusterIT {

    @Test
    void threeMastersShareTheSlotsAndACrossSlotCommandIsRefusedAsByAnyCluster() {
        try (RedisCluster cluster = new RedisCluster(3)) {
            cluster.start();
            assertThat(cluster.nodes().split(",")).hasSize(3);
            assertThat(cluster.springEnvironment()).containsOnlyKeys("SPRING_DATA_REDIS_CLUSTER_NODES");

            List<RedisURI> seeds = Arrays.stream(cluster.nodes().split(","))
                    .map(node -> RedisURI.create("redis://" + node))
                    .toList();
            RedisClusterClient client = RedisClusterClient.create(seeds);
            try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
                RedisAdvancedClusterCommands<String, String> redis = connection.sync();
                assertThat(redis.clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:3");
                IntStream.range(0, 300).forEach(i -> redis.set("key:{" + i + "}", "v" + i));
                assertThat(redis.get("key:{42}")).isEqualTo("v42");
                // keys of one hash tag may go together, keys of two slots may not
                redis.mset(Map.of("a:{tag}:1", "1", "a:{tag}:2", "2"));
                assertThatThrownBy(() -> redis.getConnection("127.0.0.1", port(cluster, 0))
                                .mset(Map.of("x:{1}", "1", "x:{2}", "2")))
                        .isInstanceOf(RedisCommandExecutionException.class)
                        .hasMessageContaining("CROSSSLOT");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            assertThat(cluster.keysPerNode("*"))
                    .hasSize(3)
                    .allSatisfy(keys -> assertThat(keys).isGreaterThan(50));
            assertThat(cluster.keysPerNode("*").stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(302);
        }
    }

    private static int port(RedisCluster cluster, int node) {
        return Integer.parseInt(cluster.nodes().split(",")[node].split(":")[1]);
    }
}
