package io.loyaltybatch.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class LocalEnginesIT {

    @Test
    void sharedEnginesRunOncePerJvmAndDescribeThemselvesForSpring() throws Exception {
        LocalEngines engines = LocalEngines.shared();
        assertThat(LocalEngines.shared()).isSameAs(engines);
        engines.close(); // the shared set ignores close: other tests of this JVM still use it
        assertThat(engines.kafka().isRunning()).isTrue();
        assertThat(engines.redis().isRunning()).isTrue();
        assertThat(engines.postgres().isRunning()).isTrue();

        Map<String, String> env = engines.springEnvironment();
        assertThat(env)
                .containsOnlyKeys(
                        "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                        "SPRING_DATA_REDIS_URL",
                        "SPRING_DATASOURCE_URL",
                        "SPRING_DATASOURCE_USERNAME",
                        "SPRING_DATASOURCE_PASSWORD");
        assertThat(engines.springProperties())
                .containsEntry("spring.kafka.bootstrap-servers", env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"));

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .hasSize(1);
        }
        RedisClient redis = RedisClient.create(env.get("SPRING_DATA_REDIS_URL"));
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        try (Connection connection = DriverManager.getConnection(
                env.get("SPRING_DATASOURCE_URL"),
                env.get("SPRING_DATASOURCE_USERNAME"),
                env.get("SPRING_DATASOURCE_PASSWORD"))) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void sharedEnginesComeBackWhenATestLeftOneStopped() {
        LocalEngines engines = LocalEngines.shared();
        String url = engines.redis().url();
        engines.redis().stop();

        assertThat(LocalEngines.shared().redis().isRunning()).isTrue();
        assertThat(engines.springEnvironment()).containsEntry("SPRING_DATA_REDIS_URL", url);
    }
}
