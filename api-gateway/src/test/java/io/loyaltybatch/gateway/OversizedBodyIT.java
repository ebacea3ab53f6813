package io.loyaltybatch.gateway;

import static io.loyaltybatch.gateway.GatewayTestSupport.ACME_KEY;
import static io.loyaltybatch.gateway.GatewayTestSupport.ACME_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.RawHttp;
import io.loyaltybatch.model.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A body over the byte limit (5 MB by default) sent the way most clients send it, all at once without
 * {@code Expect: 100-continue}: the client reads the 413 envelope instead of a reset connection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OversizedBodyIT {

    private static final String PATH = "/api/v4.0/integrations/batch/customers";

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        GatewayTestSupport.registerEnginesAndTenants(registry);
    }

    @LocalServerPort
    int port;

    private static byte[] body(int megabytes) {
        byte[] body = new byte[megabytes * 1024 * 1024];
        Arrays.fill(body, (byte) ' ');
        byte[] start = "{\"body\": [".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, body, 0, start.length);
        return body;
    }

    private static void assertTooLarge(int status, String body) {
        assertThat(status).as(body).isEqualTo(413);
        assertThat(WireCodec.mapper().readTree(body).get("code").asInt()).isEqualTo(3011);
    }

    @Test
    void aBodyOverTheLimitWithItsLengthSentAtOnceGets413() {
        byte[] body = body(8);
        RawHttp.Reply reply = RawHttp.sendThenRead(
                port,
                "POST " + PATH + " HTTP/1.1\r\nHost: x\r\napikey: " + ACME_KEY + "\r\nsecretkey: " + ACME_SECRET
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n",
                body,
                Duration.ofSeconds(60));

        assertThat(reply.answered()).as(reply.failure()).isTrue();
        assertTooLarge(reply.status(), reply.body());
    }

    @Test
    void aChunkedBodyOverTheLimitGets413() {
        byte[] chunk = body(1);
        StringBuilder chunked = new StringBuilder();
        byte[] framed;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 8; i++) {
            out.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(chunk);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        framed = out.toByteArray();
        chunked.append("POST ")
                .append(PATH)
                .append(" HTTP/1.1\r\nHost: x\r\napikey: ")
                .append(ACME_KEY)
                .append("\r\nsecretkey: ")
                .append(ACME_SECRET)
                .append("\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");

        RawHttp.Reply reply = RawHttp.sendThenRead(port, chunked.toString(), framed, Duration.ofSeconds(60));

        assertThat(reply.answered()).as(reply.failure()).isTrue();
        assertTooLarge(reply.status(), reply.body());
    }

    @Test
    void javasHttpClientReads413() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .header("apikey", ACME_KEY)
                .header("secretkey", ACME_SECRET)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(8)))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertTooLarge(response.statusCode(), response.body());
    }
}
