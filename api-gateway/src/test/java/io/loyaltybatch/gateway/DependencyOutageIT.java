package io.loyaltybatch.gateway;

import static io.loyaltybatch.gateway.GatewayTestSupport.SEED_CUSTOMERS;
import static io.loyaltybatch.gateway.GatewayTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import io.loyaltybatch.engines.KafkaBroker;
import io.loyaltybatch.engines.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With Kafka or Redis down the gateway answers 503 / 5003 with Retry-After and leaves no job behind; it recovers by
 * itself when they return. Uses its own broker and Redis server so it can stop them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // the producer gives up on the records of an absent broker after 3 s instead of the shipped 10 s: what is
        // asserted is the answer the gateway then gives and what it leaves behind, not how long it waited
        properties = {
            "spring.kafka.producer.properties.request.timeout.ms=1500",
            "spring.kafka.producer.properties.delivery.timeout.ms=3000"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyOutageIT {

    static final KafkaBroker kafka = new KafkaBroker();
    /** Append-only, so its jobs survive the restart and can be counted afterwards. */
    static final RedisServer redis = new RedisServer(0, tempDir(), true);

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("outage-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        kafka.start();
        redis.start();
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("spring.data.redis.url", redis::url);
        GatewayTestSupport.registerDatabase(registry);
        GatewayTestSupport.registerTenants(registry);
    }

    @AfterAll
    static void stopEngines() {
        kafka.close();
        redis.close();
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private int readiness() throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static long jobsInRedis() {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().keys("job:*").size();
        } finally {
            client.shutdown();
        }
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(json(response).get("code").asInt()).isEqualTo(5003);
        assertThat(json(response).get("type").asString()).isEqualTo("SERVER_ERROR");
        assertThat(response.header("Retry-After")).isPresent();
    }

    @Test
    @Order(1)
    void kafkaDownGives503AndLeavesNoJob() throws Exception {
        BatchApiClient api = GatewayTestSupport.acme(port);
        assertThat(api.submit("customers", SEED_CUSTOMERS).status()).isEqualTo(200);
        long jobsBefore = jobsInRedis();

        assertThat(readiness()).isEqualTo(200);
        kafka.stop();
        try {
            assertUnavailable(api.submit("customers", SEED_CUSTOMERS));
            assertThat(jobsInRedis()).isEqualTo(jobsBefore);
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
        } finally {
            kafka.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 200);

        assertThat(api.submit("customers", SEED_CUSTOMERS).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void redisDownGives503AndLeavesNoJob() throws Exception {
        BatchApiClient api = GatewayTestSupport.acme(port);
        long jobsBefore = jobsInRedis();

        redis.stop();
        try {
            assertUnavailable(api.submit("customers", SEED_CUSTOMERS));
            assertUnavailable(api.status(1L));
            await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
        } finally {
            redis.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> readiness() == 200);

        assertThat(jobsInRedis()).isEqualTo(jobsBefore);
        // the client reconnects by itself, after its reconnection backoff
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.submit("customers", SEED_CUSTOMERS).status() == 200);
    }

    @Test
    @Order(3)
    void redisAnsweringReadOnlyOrOutOfMemoryGives503AndLeavesNoJob() {
        BatchApiClient api = GatewayTestSupport.acme(port);
        long existing =
                json(api.submit("customers", SEED_CUSTOMERS)).get("jobId").asLong();
        long jobsBefore = jobsInRedis();
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> admin = client.connect()) {
            admin.sync().replicaof("127.0.0.1", 1); // a replica of nothing: read-only, as after a failover
            try {
                assertUnavailable(api.submit("customers", SEED_CUSTOMERS));
                assertUnavailable(api.submit("customers", SEED_CUSTOMERS, "readonly-key"));
                assertThat(api.status(existing).status()).isEqualTo(200);
            } finally {
                admin.sync().replicaofNoOne();
            }
            admin.sync().configSet("maxmemory", "1"); // every write is refused with OOM
            try {
                assertUnavailable(api.submit("customers", SEED_CUSTOMERS));
                assertUnavailable(api.stop(existing));
            } finally {
                admin.sync().configSet("maxmemory", "0");
            }
        } finally {
            client.shutdown();
        }

        assertThat(jobsInRedis()).isEqualTo(jobsBefore);
        assertThat(api.submit("customers", SEED_CUSTOMERS).status()).isEqualTo(200);
    }
}
