package io.loyaltybatch.gateway;

import static io.loyaltybatch.gateway.GatewayTestSupport.GLOBEX_KEY;
import static io.loyaltybatch.gateway.GatewayTestSupport.GLOBEX_SECRET;
import static io.loyaltybatch.gateway.GatewayTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The synchronous customer reads against a real PostgreSQL server holding rows as a worker writes them. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "loyalty.programs.acme.currency=EGP",
            "loyalty.programs.acme.points-name=Coins",
            "loyalty.programs.acme.redemption-factor=0.10"
        })
class CustomerReadIT {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        GatewayTestSupport.registerEnginesAndTenants(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    BatchApiClient api;
    String customerId;

    @BeforeEach
    void customerWithPoints() {
        api = GatewayTestSupport.acme(port);
        customerId = "read-" + UUID.randomUUID();
        jdbc.update(
                "INSERT INTO customers (tenant_id, customer_id, profile, available_points, total_earned_points)"
                        + " VALUES ('acme', ?, '{\"email\": \"r@example.com\", \"guest\": true, \"custom\": {\"tier\": 2}}'::jsonb,"
                        + " 40, 100)",
                customerId);
        Instant now = Instant.now();
        pending(1, 25, now.minus(Duration.ofDays(1)));
        pending(2, 35, now.plus(Duration.ofDays(10)));
    }

    private void pending(int index, long points, Instant availableAt) {
        jdbc.update(
                "INSERT INTO points_ledger (id, tenant_id, customer_id, kind, points, available_at, settled,"
                        + " source_type, source_id, job_id, item_index) VALUES (nextval('points_ledger_id_seq'), 'acme', ?,"
                        + " 'PENDING_EARN', ?, ?, false, 'order', ?, 1, ?)",
                customerId,
                points,
                Timestamp.from(availableAt),
                "o-" + index,
                index);
    }

    @Test
    void balanceCountsMaturedPendingPointsAsAvailable() {
        Response response = api.get(BatchApiClient.PREFIX + "/customers/" + customerId + "/balance");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode balance = json(response);
        assertThat(balance.get("customerId").asString()).isEqualTo(customerId);
        assertThat(balance.get("availablePointsBalance").asLong()).isEqualTo(65);
        assertThat(balance.get("pendingPoints").asLong()).isEqualTo(35);
        assertThat(balance.get("totalPointsBalance").asLong()).isEqualTo(100);
        assertThat(balance.get("totalEarnedPoints").asLong()).isEqualTo(100);
        assertThat(balance.get("availablePointsValue").decimalValue()).isEqualByComparingTo("6.50");
        assertThat(balance.get("pendingPointsValue").decimalValue()).isEqualByComparingTo("3.50");
        assertThat(balance.get("totalPointsValue").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(balance.get("currency").asString()).isEqualTo("EGP");
        assertThat(balance.get("pointsName").asString()).isEqualTo("Coins");
    }

    @Test
    void profileShowsTheStoredFields() {
        Response response = api.get("/api/v4.1/integrations/customers/" + customerId);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode profile = json(response);
        assertThat(profile.get("customerId").asString()).isEqualTo(customerId);
        assertThat(profile.get("guest").asBoolean()).isTrue();
        assertThat(profile.get("customerAttributes").get("email").asString()).isEqualTo("r@example.com");
        assertThat(profile.get("customerAttributes").get("custom").get("tier").asInt())
                .isEqualTo(2);
    }

    @Test
    void unknownCustomerIs404With7000() {
        Response profile = api.get(BatchApiClient.PREFIX + "/customers/nobody-" + UUID.randomUUID());
        Response balance = api.get(BatchApiClient.PREFIX + "/customers/nobody-" + UUID.randomUUID() + "/balance");

        for (Response response : new Response[] {profile, balance}) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(json(response).get("code").asInt()).isEqualTo(7000);
            assertThat(json(response).get("type").asString()).isEqualTo("CUSTOMER_ERROR");
            assertThat(json(response).get("message").asString()).isEqualTo("Customer Not Found");
        }
    }

    @Test
    void anotherTenantsCustomerIsUnknown() {
        BatchApiClient globex = api.as(GLOBEX_KEY, GLOBEX_SECRET);

        assertThat(globex.get(BatchApiClient.PREFIX + "/customers/" + customerId)
                        .status())
                .isEqualTo(404);
        assertThat(globex.get(BatchApiClient.PREFIX + "/customers/" + customerId + "/balance")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void readsNeedTheTenantsKeys() {
        assertThat(api.as(null, null)
                        .get(BatchApiClient.PREFIX + "/customers/" + customerId)
                        .status())
                .isEqualTo(401);
    }
}
