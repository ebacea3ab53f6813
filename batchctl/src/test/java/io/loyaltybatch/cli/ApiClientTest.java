package io.loyaltybatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against an HTTP server on loopback that answers as the API does when it is busy or refuses. */
class ApiClientTest {

    private final HttpServer server = start();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final List<String> notices = new ArrayList<>();

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(String path, int... statuses) {
        server.createContext(path, exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst("secretkey"));
            int call = calls.getAndIncrement();
            int status = statuses[Math.min(call, statuses.length - 1)];
            byte[] body = (status == 200
                            ? "{\"jobId\": 7}"
                            : "{\"code\": " + (status == 401 ? 1001 : 5003) + ", \"type\": \"X\", \"message\": \"no\"}")
                    .getBytes(StandardCharsets.UTF_8);
            if (status == 429 || status == 503) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private ApiClient client(Duration retryFor) {
        return new ApiClient(
                new ApiClient.Settings("http://127.0.0.1:" + server.getAddress().getPort(), "key", "s3cret"),
                retryFor,
                notices::add);
    }

    @Test
    void a429Or503IsTriedAgainAfterItsRetryAfter() {
        answer("/busy", 429, 503, 200);

        ApiClient.Answer answer =
                client(Duration.ofMinutes(1)).post("/busy", new byte[0], Map.of("Idempotency-Key", "k-1"));

        assertThat(answer.json().get("jobId").asLong()).isEqualTo(7);
        assertThat(calls).hasValue(3);
        assertThat(notices)
                .containsExactly(
                        "POST /busy: HTTP 429, trying again in 1000 ms",
                        "POST /busy: HTTP 503, trying again in 1000 ms");
        assertThat(keys).containsOnly("s3cret");
        assertThat(String.join("\n", notices)).doesNotContain("s3cret");
    }

    @Test
    void aPostWithoutAnIdempotencyKeyIsTriedAgainOnlyWhenRefusedBeforeItActed() {
        // a 503 may come after the request took effect (a key issued, a secret rotated): sending it again would act
        // twice; a 429 is refused before anything is done
        answer("/keys", 503, 200);
        answer("/limited", 429, 200);

        assertThatThrownBy(() -> client(Duration.ofMinutes(1)).post("/keys", null, Map.of()))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(calls).as("sent once").hasValue(1);

        calls.set(0);
        assertThat(client(Duration.ofMinutes(1))
                        .post("/limited", null, Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aRefusalIsTheContractsErrorAtOnceAndABusyApiPastTheRetryTimeToo() {
        answer("/refused", 401);
        answer("/down", 503);

        assertThatThrownBy(() -> client(Duration.ofMinutes(1)).get("/refused"))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.code()).isEqualTo(1001);
                });
        assertThat(calls).hasValue(1);
        assertThatThrownBy(() -> client(Duration.ZERO).get("/down"))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo(5003));
    }
}
