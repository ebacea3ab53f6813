package io.loyaltybatch.engines;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for the batch API, for tests and tools that drive a running gateway. */
public final class BatchApiClient {

    /** The API path prefix used unless a test picks another of the equivalent ones. */
    public static final String PREFIX = "/api/v4.0/integrations";

    /** A response: status, headers (lower-case names) and body text. */
    public record Response(int status, Map<String, String> headers, String body) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /**
     * One HTTP client, with its connections and selector thread, for every instance of this JVM: tests make clients by
     * the thousand (a pair of keys each), and an HTTP client is costly to make.
     */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String apiKey;
    private final String secretKey;

    public BatchApiClient(String baseUrl, String apiKey, String secretKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.secretKey = secretKey;
    }

    public BatchApiClient as(String otherApiKey, String otherSecretKey) {
        return new BatchApiClient(baseUrl, otherApiKey, otherSecretKey);
    }

    public Response submit(String type, String json) {
        return post(PREFIX + "/batch/" + type, json, Map.of());
    }

    public Response submit(String type, String json, String idempotencyKey) {
        return post(PREFIX + "/batch/" + type, json, Map.of("Idempotency-Key", idempotencyKey));
    }

    public Response status(long jobId) {
        return get(PREFIX + "/batch/" + jobId);
    }

    public Response stop(long jobId) {
        return delete(PREFIX + "/batch/" + jobId);
    }

    public Response delete(String path) {
        return send(request(path, Map.of()).DELETE().build());
    }

    /** Any method with any body (empty for none), as a client that does not follow the API would send it. */
    public Response send(String method, String path, String body, Map<String, String> extraHeaders) {
        return send(request(path, extraHeaders)
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public Response get(String path) {
        return send(request(path, Map.of()).GET().build());
    }

    public Response post(String path, String json, Map<String, String> extraHeaders) {
        HttpRequest.Builder builder = request(path, extraHeaders);
        if (extraHeaders.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Posts without a Content-Length (chunked), as a streaming client would. */
    public Response postStreamed(String path, String json) {
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return send(request(path, Map.of())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build());
    }

    private HttpRequest.Builder request(String path, Map<String, String> extraHeaders) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (apiKey != null) {
            builder.header("apikey", apiKey);
        }
        if (secretKey != null) {
            builder.header("secretkey", secretKey);
        }
        extraHeaders.forEach(builder::header);
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers()
                    .map()
                    .forEach((name, values) ->
                            headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
            return new Response(response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new EngineException("HTTP request failed: " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
