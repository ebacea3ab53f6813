package io.loyaltybatch.gateway;

import static io.loyaltybatch.gateway.GatewayTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Values that no part of the system can store or compute with are refused at submit, item by item, with 3003 naming
 * the field; they never reach a worker. No worker runs here: a refused item is failed at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileValuesIT {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        GatewayTestSupport.registerEnginesAndTenants(registry);
    }

    @LocalServerPort
    int port;

    BatchApiClient api;

    @BeforeEach
    void client() {
        api = GatewayTestSupport.acme(port);
    }

    /** A valid item of each type, submitted next to the hostile one. */
    private static final Map<String, String> VALID = Map.of(
            "customers", "{\"customerId\": \"fine\"}",
            "orders",
                    "{\"customerId\": \"fine\", \"orderId\": \"ok\", \"orderDate\": \"2026-11-01\", \"totalPaid\": 1}",
            "cashback",
                    "{\"customerId\": \"fine\", \"transactionId\": \"ok\", \"transactionTime\": \"2026-11-01\", \"amount\": 1}",
            "balance-adjustment", "{\"customerId\": \"fine\", \"amount\": 1}",
            "redeem",
                    "{\"customerId\": \"fine\", \"transactionId\": \"ok\", \"transactionTime\": \"2026-11-01\", \"points\": 1}",
            "events", "{\"customerId\": \"fine\", \"events\": {\"open\": {}}}");

    static Stream<Arguments> hostileItems() {
        String order = "\"customerId\": \"h\", \"orderId\": \"o-1\", \"orderDate\": \"2026-11-01T10:00:00Z\"";
        String redeem = "\"customerId\": \"h\", \"transactionId\": \"t-1\", \"transactionTime\": \"2026-11-01\"";
        return Stream.of(
                Arguments.of("customers", "{\"customerId\": \"nul\\u0000id\"}", "customerId"),
                Arguments.of("customers", "{\"customerId\": \"c\", \"email\": \"a\\u0000@b.co\"}", "email"),
                Arguments.of(
                        "customers",
                        "{\"customerId\": \"c\", \"customerAttributes\": {\"city\": \"\\ud800\"}}",
                        "city"),
                Arguments.of("customers", "{\"customerId\": \"c\", \"custom\": {\"k\\u0000\": 1}}", "custom"),
                Arguments.of("customers", "{\"customerId\": \"c\", \"custom\": {\"big\": 1e100000000}}", "custom.big"),
                Arguments.of(
                        "customers",
                        "{\"customerId\": \"c\", \"custom\": {\"x\": \"" + "y".repeat(9000) + "\"}}",
                        "custom"),
                Arguments.of("customers", "{\"customerId\": \"c\", \"custom\": " + nested(20) + "}", "nested"),
                Arguments.of("customers", "{\"customerId\": \"c\", \"dateOfBirth\": \"+10000-01-01\"}", "dateOfBirth"),
                Arguments.of("orders", "{" + order + ", \"totalPaid\": 1e100000000}", "totalPaid"),
                Arguments.of("orders", "{" + order + ", \"totalPaid\": 1e99999999999}", "totalPaid"),
                Arguments.of("orders", "{" + order + ", \"totalPaid\": \"" + "9".repeat(400_000) + "\"}", "bytes"),
                Arguments.of("orders", "{" + order + ", \"totalPaid\": \"" + "9".repeat(50) + "\"}", "totalPaid"),
                Arguments.of("orders", "{" + order + ", \"totalPaid\": 1234567890123.00}", "totalPaid"),
                Arguments.of(
                        "orders",
                        "{" + order + ", \"totalPaid\": 5, \"lineItems\": [{\"sku\": \"\\u0000\"}]}",
                        "lineItems[0].sku"),
                Arguments.of(
                        "orders",
                        "{\"customerId\": \"h\", \"orderId\": \"o\\u0000\", \"orderDate\": \"2026-11-01\", \"totalPaid\": 1}",
                        "orderId"),
                Arguments.of(
                        "orders",
                        "{\"customerId\": \"h\", \"orderId\": \"o\", \"orderDate\": \"+999999999-12-31T23:59:59Z\", \"totalPaid\": 1}",
                        "orderDate"),
                Arguments.of(
                        "cashback",
                        "{\"customerId\": \"h\", \"transactionId\": \"t\", \"transactionTime\": \"2026-11-01\", \"amount\": 1e40}",
                        "amount"),
                Arguments.of(
                        "balance-adjustment", "{\"customerId\": \"h\", \"amount\": -9223372036854775808}", "amount"),
                Arguments.of("balance-adjustment", "{\"customerId\": \"h\", \"amount\": 1000000000001}", "amount"),
                Arguments.of("balance-adjustment", "{\"customerId\": \"h\", \"amount\": 5, \"amount\": -5}", "amount"),
                Arguments.of(
                        "balance-adjustment",
                        "{\"customerId\": \"h\", \"amount\": 5, \"reason\": \"why\\u0000\"}",
                        "reason"),
                Arguments.of("redeem", "{" + redeem + ", \"points\": 9223372036854775807}", "points"),
                Arguments.of(
                        "events",
                        "{\"customerId\": \"h\", \"events\": {\"open\": {\"v\": \"\\u0000\"}}}",
                        "events.open.v"),
                Arguments.of("events", "{\"customerId\": \"h\", \"events\": " + manyEvents(51) + "}", "events"),
                Arguments.of(
                        "events",
                        "{\"customerId\": \"h\", \"events\": {\"open\": {\"pad\": \"" + "p".repeat(5000) + "\"}}}",
                        "open"),
                Arguments.of(
                        "customers",
                        "{\"customerId\": \"c\", \"custom\": {\"x\": \"" + "z".repeat(70_000) + "\"}}",
                        "bytes"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("hostileItems")
    void aValueNoStoreCanHoldFailsItsItemWith3003NamingTheField(String type, String item, String field) {
        Response response = api.submit(type, "{\"body\": [" + item + ", " + VALID.get(type) + "]}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode status = json(api.status(json(response).get("jobId").asLong()));
        assertThat(status.get("status").asString())
                .as("the valid neighbour is queued")
                .isEqualTo("queued");
        JsonNode failed = status.get("response").get("failed");
        assertThat(failed).as(status.toString()).hasSize(1);
        assertThat(failed.get(0).get("index").asInt()).isZero();
        assertThat(failed.get(0).get("code").asInt()).isEqualTo(3003);
        assertThat(failed.get(0).get("error").asString()).contains(field);
        assertThat(status.toString()).doesNotContain("\\u0000").doesNotContain("\\ud800");
    }

    @Test
    void aRequestNestedBeyondTheParsersLimitIs400With3016() {
        Response response =
                api.submit("customers", "{\"body\": [{\"customerId\": \"c\", \"custom\": " + nested(100) + "}]}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("code").asInt()).isEqualTo(3016);
    }

    @Test
    void aBodyGivenTwiceIs400With3016() {
        Response response =
                api.submit("customers", "{\"body\": [{\"customerId\": \"a\"}], \"body\": [{\"customerId\": \"b\"}]}");

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("code").asInt()).isEqualTo(3016);
    }

    private static String nested(int depth) {
        return "{\"nested\": ".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String manyEvents(int count) {
        StringBuilder events = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            events.append(i == 0 ? "" : ", ").append("\"e").append(i).append("\": {}");
        }
        return events.append('}').toString();
    }
}
