package io.loyaltybatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch API over HTTP. A 429 or 503 answer, or a connection that fails, is tried again (see {@link #send}) after the
 * {@code Retry-After} the API gave, else with exponential backoff (0.5 s doubling to 30 s), for up to
 * {@code retryFor} in all; any other refusal is an {@link ApiError} with the contract's code and message.
 */
public final class ApiClient {

    public static final String PREFIX = "/api/v4.0/integrations";

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** Where the API is, and the tenant's keys or (for the admin API) the admin token. */
    public record Settings(String baseUrl, String apiKey, String secretKey, String adminToken) {

        public Settings(String baseUrl, String apiKey, String secretKey) {
            this(baseUrl, apiKey, secretKey, null);
        }

        public static Settings admin(String baseUrl, String adminToken) {
            return new Settings(baseUrl, null, null, adminToken);
        }

        @Override
        public String toString() {
            return "Settings[" + baseUrl + ", keys hidden]";
        }
    }

    /** An answer: its status, its headers' first values (names lower-case) and its body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private final Settings settings;
    private final Duration retryFor;
    private final Consumer<String> notices;
    private final HttpClient http;

    public ApiClient(Settings settings, Duration retryFor, Consumer<String> notices) {
        this.settings = settings;
        this.retryFor = retryFor;
        this.notices = notices;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Answer post(String path, byte[] body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /**
     * Sends the request until it is answered with neither 429 nor 503, or {@code retryFor} has passed. A POST without
     * an {@code Idempotency-Key} is sent again only after a 429, which refuses before acting: after a 503 or no
     * answer it may have taken effect, and a second one would act twice (issue a second key, rotate again).
     */
    public Answer send(String method, String path, byte[] body, Map<String, String> headers) {
        boolean repeatable = !method.equals("POST") || headers.containsKey("Idempotency-Key");
        Instant giveUp = Instant.now().plus(retryFor);
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            Duration wait;
            String why;
            try {
                Answer answer = once(method, path, body, headers);
                if (answer.status() != 429 && answer.status() != 503) {
                    if (answer.status() >= 400) {
                        throw error(answer);
                    }
                    return answer;
                }
                wait = answer.header("Retry-After").flatMap(ApiClient::seconds).orElse(backoff);
                why = "HTTP " + answer.status();
                if ((answer.status() == 503 && !repeatable)
                        || Instant.now().plus(wait).isAfter(giveUp)) {
                    throw error(answer);
                }
            } catch (IOException e) {
                wait = backoff;
                why = "no answer (" + e.getClass().getSimpleName() + ")";
                if (!repeatable || Instant.now().plus(wait).isAfter(giveUp)) {
                    throw new ApiError(
                            0,
                            0,
                            repeatable
                                    ? "no answer from " + settings.baseUrl() + " within " + retryFor.toSeconds()
                                            + " s: " + e.getClass().getSimpleName()
                                    : "no answer from " + settings.baseUrl() + " ("
                                            + e.getClass().getSimpleName()
                                            + "); not sent again, as it may have taken effect: check before"
                                            + " trying again");
                }
            }
            notices.accept(method + " " + path + ": " + why + ", trying again in " + wait.toMillis() + " ms");
            sleep(wait);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private Answer once(String method, String path, byte[] body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.adminToken() != null) {
            request.header("Authorization", "Bearer " + settings.adminToken());
        } else {
            request.header("apikey", settings.apiKey()).header("secretkey", settings.secretKey());
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> first = new java.util.HashMap<>();
            response.headers().map().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    first.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
                }
            });
            return new Answer(response.statusCode(), first, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static ApiError error(Answer answer) {
        try {
            JsonNode envelope = answer.json();
            if (envelope.hasNonNull("code") && envelope.hasNonNull("message")) {
                return new ApiError(
                        answer.status(),
                        envelope.get("code").asInt(),
                        envelope.get("message").asString());
            }
        } catch (RuntimeException e) {
            // not the contract's envelope: described below
        }
        return new ApiError(answer.status(), 0, "unexpected answer from the API");
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(Math.min(seconds, 300))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(0, 0, "interrupted");
        }
    }
}
