package io.loyaltybatch.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerIT {

    @Test
    void throwawayServerAnswersAndRestartsOnTheSamePort() {
        Path data;
        try (RedisServer redis = new RedisServer()) {
            redis.start();
            data = redis.dataDir();
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
            assertThat(call(redis, r -> r.set("greeting", "hello"))).isEqualTo("OK");
            assertThat(call(redis, r -> r.get("greeting"))).isEqualTo("hello");

            redis.stop();
            assertThat(redis.isRunning()).isFalse();
            redis.restart();
            assertThat(redis.isRunning()).isTrue();
            assertThat(call(redis, RedisCommands::ping)).isEqualTo("PONG");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void persistentServerKeepsWritesAcrossStopAndKill(@TempDir Path dir) {
        try (RedisServer redis = RedisServer.persistent(0, dir)) {
            redis.start();
            int port = redis.port();
            call(redis, r -> r.set("a", "1"));
            redis.stop();
            redis.start();
            assertThat(call(redis, r -> r.get("a"))).isEqualTo("1");

            call(redis, r -> r.set("b", "2"));
            redis.kill();
            assertThat(redis.isRunning()).isFalse();
            redis.start();
            assertThat(redis.port()).isEqualTo(port);
            assertThat(call(redis, r -> r.get("a") + "," + r.get("b"))).isEqualTo("1,2");
        }
        assertThat(dir.resolve("data")).isNotEmptyDirectory();
    }

    private static String call(RedisServer redis, Function<RedisCommands<String, String>, String> command) {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return command.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
