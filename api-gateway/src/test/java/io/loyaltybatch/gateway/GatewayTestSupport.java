package io.loyaltybatch.gateway;

import io.loyaltybatch.engines.BatchApiClient;
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
    public static final String SEED_CUSTOMERS = """
            {
                "body": [
                    {
                        "customerId": "12345",
                        "email": "john.doe@example.com",
                        "name": "John Doe",
                        "gender": "M",
                        "dateOfBirth": "1990-01-01",
                        "joinDate": "2022-01-01",
                        "tags": ["vip", "newsletter_subscriber"],
                        "custom": {
                            "favorite_color": "blue",
                            "loyalty_points": 1500
                        }
                    },
                    {
                        "customerId": "67890",
                        "email": "jane.smith@example.com",
                        "name": "Jane Smith",
                        "gender": "F",
                        "dateOfBirth": "1985-05-15",
                        "joinDate": "2023-03-10",
                        "tags": ["premium_member"],
                        "custom": {
                            "favorite_color": "green",
                            "loyalty_points": 2000
                        }
                    }
                ]
            }""";

    private GatewayTestSupport() {}

    public static void registerTenants(DynamicPropertyRegistry registry) {
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
                .mapToObj(i -> "{\"customerId\": \"" + prefix + "-" + i + "\", \"email\": \"" + prefix + i
                        + "@example.com\"}")
                .collect(Collectors.joining(",", "{\"body\": [", "]}"));
    }
}
