package io.loyaltybatch.gateway;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.SeedRequests;
import io.loyaltybatch.gateway.tenant.SecretDigest;
import io.loyaltybatch.model.WireCodec;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

/** Tenants, requests and JSON helpers shared by the gateway's integration tests. */
public final class GatewayTestSupport {

    public static final String ACME_KEY = "acme-key";
    public static final String ACME_SECRET = "acme-secret";
    public static final String GLOBEX_KEY = "globex-key";
    public static final String GLOBEX_SECRET = "globex-secret";

    /** The customers request of the public documentation, unchanged. */
    public static final String SEED_CUSTOMERS = SeedRequests.CUSTOMERS;

    private GatewayTestSupport() {}

    /** Kafka, Redis and PostgreSQL of the shared engines, and the test tenants. */
    public static void registerEnginesAndTenants(DynamicPropertyRegistry registry) {
        LocalEngines engines = LocalEngines.shared();
        registry.add("spring.kafka.bootstrap-servers", engines.kafka()::bootstrapServers);
        registry.add("spring.data.redis.url", engines.redis()::url);
        registerDatabase(registry);
        registerTenants(registry);
    }

    /** The shared PostgreSQL server, migrated by Flyway as a worker would. */
    public static void registerDatabase(DynamicPropertyRegistry registry) {
        LocalEngines engines = LocalEngines.shared();
        registry.add("spring.datasource.url", engines.postgres()::jdbcUrl);
        registry.add("spring.datasource.username", engines.postgres()::username);
        registry.add("spring.datasource.password", engines.postgres()::password);
    }

    /** The test tenants, and a management port of its own for each application context. */
    public static void registerTenants(DynamicPropertyRegistry registry) {
        registry.add("management.server.port", () -> "0");
        registry.add("loyalty.tenants.acme.api-key", () -> ACME_KEY);
        registry.add("loyalty.tenants.acme.secret-sha256", () -> SecretDigest.sha256Hex(ACME_SECRET));
        registry.add("loyalty.tenants.globex.api-key", () -> GLOBEX_KEY);
        registry.add("loyalty.tenants.globex.secret-sha256", () -> SecretDigest.sha256Hex(GLOBEX_SECRET));
    }

    public static BatchApiClient acme(int port) {
        return new BatchApiClient("http://127.0.0.1:" + port, ACME_KEY, ACME_SECRET);
    }

    public static JsonNode json(BatchApiClient.Response response) {
        return WireCodec.mapper().readTree(response.body());
    }

    /** A customers batch of {@code count} items with ids {@code prefix-0 ...}. */
    public static String customers(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i ->
                        "{\"customerId\": \"" + prefix + "-" + i + "\", \"email\": \"" + prefix + i + "@example.com\"}")
                .collect(Collectors.joining(",", "{\"body\": [", "]}"));
    }
}
