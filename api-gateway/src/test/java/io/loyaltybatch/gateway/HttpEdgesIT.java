package io.loyaltybatch.gateway;

import static io.loyaltybatch.gateway.GatewayTestSupport.ACME_KEY;
import static io.loyaltybatch.gateway.GatewayTestSupport.ACME_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.RawHttp;
import io.loyaltybatch.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Requests no well-behaved client sends, straight onto the socket: every answer is the contract's JSON envelope with
 * a 4xx status and a contract code, never Tomcat's HTML page, Spring's default error body or a 500.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"loyalty.gateway.request-read-timeout=2s"})
class HttpEdgesIT {

    private static final String KEYS = "apikey: " + ACME_KEY + "\r\nsecretkey: " + ACME_SECRET + "\r\n";
    private static final String BATCH = "/api/v4.0/integrations/batch";

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        GatewayTestSupport.registerEnginesAndTenants(registry);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    static Stream<Arguments> malformedRequests() {
        String json = "{\"body\": [{\"customerId\": \"c\"}]}";
        return Stream.of(
                Arguments.of(
                        "bad percent escape", "GET " + BATCH + "/%zz HTTP/1.1\r\nHost: x\r\n" + KEYS + "\r\n", "", 400),
                Arguments.of(
                        "raw non-ASCII in the path",
                        "GET " + BATCH + "/caf\u00c3\u00a9 HTTP/1.1\r\nHost: x\r\n" + KEYS + "\r\n",
                        "",
                        400),
                Arguments.of(
                        "encoded NUL in the path",
                        "GET /api/v4.0/integrations/customers/a%00b HTTP/1.1\r\nHost: x\r\n" + KEYS + "\r\n",
                        "",
                        400),
                Arguments.of(
                        "headers over 8 KB",
                        "GET " + BATCH + "/1 HTTP/1.1\r\nHost: x\r\nX-Pad: " + "p".repeat(10_000) + "\r\n" + KEYS
                                + "\r\n",
                        "",
                        400),
                Arguments.of(
                        "Content-Length not a number",
                        "POST " + BATCH + "/customers HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n" + KEYS + "\r\n",
                        json,
                        400),
                Arguments.of(
                        "Content-Length given twice",
                        "POST " + BATCH + "/customers HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n"
                                + KEYS + "\r\n",
                        json,
                        400),
                Arguments.of("TRACE", "TRACE " + BATCH + "/1 HTTP/1.1\r\nHost: x\r\n" + KEYS + "\r\n", "", 405),
                Arguments.of("the error path itself", "GET /error HTTP/1.1\r\nHost: x\r\n\r\n", "", 404),
                Arguments.of(
                        "an unknown path that asks for HTML",
                        "GET /nowhere HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n",
                        "",
                        404),
                Arguments.of(
                        "a body that stops short",
                        "POST " + BATCH
                                + "/customers HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n"
                                + KEYS + "\r\n",
                        json,
                        408));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void isAnsweredWithTheContractsEnvelope(String what, String head, String body, int status) {
        RawHttp.Reply reply =
                RawHttp.exchange(port, head, body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20));

        assertThat(reply.answered()).as(reply.failure()).isTrue();
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.headers().get("content-type")).startsWith("application/json");
        JsonNode envelope = WireCodec.mapper().readTree(reply.body());
        assertThat(envelope.get("code").asInt()).isBetween(1000, 4999);
        assertThat(envelope.get("type").asString()).isNotBlank();
        assertThat(envelope.get("message").asString()).isNotBlank();
        assertThat(envelope.has("requestId")).isTrue();
        assertThat(envelope.has("timestamp")).isFalse();
        assertThat(reply.body()).doesNotContain("<html").doesNotContain("Exception");
    }

    @Test
    void aJsonBodySentAsMultipartWithoutABoundaryIsStillReadAsJson() {
        String json = "{\"body\": [{\"customerId\": \"c\"}]}";
        RawHttp.Reply reply = RawHttp.exchange(
                port,
                "POST " + BATCH + "/customers HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data\r\n"
                        + "Content-Length: " + json.length() + "\r\n" + KEYS + "\r\n",
                json.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(20));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(WireCodec.mapper().readTree(reply.body()).get("jobId").asLong())
                .isPositive();
    }

    @Test
    void healthAndMetricsAreServedOnTheManagementPortOnly() {
        BatchApiClient api = new BatchApiClient("http://127.0.0.1:" + port, ACME_KEY, ACME_SECRET);
        BatchApiClient management = new BatchApiClient("http://127.0.0.1:" + managementPort, null, null);

        assertThat(api.get("/actuator/health").status()).isEqualTo(404);
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(404);
        assertThat(management.get("/actuator/health").status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
    }
}
