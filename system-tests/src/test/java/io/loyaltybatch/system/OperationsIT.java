package io.loyaltybatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.JavaApp;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.WireCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What operators see: the broker-side lag of the workers' group (with no worker running, then draining), the admin
 * API behind its own token, and the metrics both apps export, scraped from their management ports. The apps use a
 * topic and consumer group of this test's own, so no other test's records count.
 */
class OperationsIT {

    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final String TENANT = "opsit";
    private static final String TENANT_SECRET = "secret-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static AppProcesses system;
    private static JavaApp gateway;

    @BeforeAll
    static void start() throws NoSuchAlgorithmException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        system = AppProcesses.forTests(LocalEngines.shared())
                .withEnv("LOYALTY_ITEMS_TOPIC_NAME", "ops-it-" + run + ".items")
                .withEnv("SPRING_KAFKA_CONSUMER_GROUP_ID", "ops-it-" + run)
                .withGatewayEnv("LOYALTY_OPS_ADMIN_TOKEN_SHA256", AppProcesses.sha256Hex(ADMIN_TOKEN))
                // a tenant of this test's own: the backlog it reads counts no other test's jobs
                .withTenant(TENANT, TENANT + "-api-key", TENANT_SECRET)
                .withGatewayEnv("LOYALTY_OPS_LAG_INTERVAL", "500ms")
                .withEnv("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        gateway = system.startGateway(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void lagExistsWithNoWorkerAndDrainsOnceOneRunsAndTheMetricsCountWhatTheJobsDid() throws Exception {
        BatchApiClient api = system.client(TENANT + "-api-key", TENANT_SECRET);
        String prefix = "ops-" + UUID.randomUUID();
        long customersJob = submit(api, "customers", customers(prefix, 1000, 7));
        long adjustmentsJob = submit(api, "balance-adjustment", adjustments(prefix, 40));

        // no worker runs: the items wait in the topic, and the broker-side lag says so. Lag counts offsets: each of
        // the two jobs' Kafka transactions also left a commit marker in every partition it wrote to
        long queued = 1000 - 7 + 40;
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(gatewayLag()).as(() -> lagLines()).isBetween(queued + 12, queued + 2 * 12));
        JsonNode lag = admin("/admin/v1/lag");
        assertThat(lag.get("totalLag").asLong()).isEqualTo(gatewayLag());
        assertThat(lag.get("partitions")).hasSize(12);
        assertThat(lag.get("consumedPerSecond").asDouble()).isZero();
        assertThat(metric(scrape(system.gatewayManagementPort()), "loyalty_items_lag_seconds"))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(admin("/admin/v1/consumer-group").get("members")).isEmpty();
        // the backlog by tenant, and where the first job's items wait: on a new topic, every one of them is ahead
        JsonNode queuedNow = admin("/admin/v1/queued");
        JsonNode own = tenant(queuedNow, TENANT);
        assertThat(own.get("jobs").asInt()).isEqualTo(2);
        assertThat(own.get("pendingItems").asLong()).isEqualTo(queued);
        JsonNode waiting = admin("/admin/v1/jobs/" + customersJob);
        assertThat(waiting.get("tenant").asString()).isEqualTo(TENANT);
        assertThat(waiting.get("status").asString()).isEqualTo("queued");
        assertThat(waiting.get("pendingItems").asInt()).isEqualTo(993);
        assertThat(waiting.get("partitions")).hasSize(12);
        assertThat(sum(waiting.get("partitions"), "recordsAhead")).isEqualTo(993);
        assertThat(get("/admin/v1/jobs/" + (customersJob + 1_000_000), Map.of("Authorization", "Bearer " + ADMIN_TOKEN))
                        .statusCode())
                .isEqualTo(404);

        JavaApp worker = system.startWorker("worker-ops", Map.of(), "partitions assigned", Duration.ofSeconds(90));
        JsonNode customers = awaitEnded(api, customersJob);
        JsonNode adjustments = awaitEnded(api, adjustmentsJob);
        await().atMost(Duration.ofSeconds(30)).until(() -> gatewayLag() == 0);
        assertThat(admin("/admin/v1/lag").get("totalLag").asLong()).isZero();
        assertThat(tenant(admin("/admin/v1/queued"), TENANT)).isNull();
        JsonNode consumed = admin("/admin/v1/jobs/" + customersJob);
        assertThat(consumed.get("status").asString()).isEqualTo("completed");
        assertThat(consumed.get("pendingItems").asInt()).isZero();
        assertThat(sum(consumed.get("partitions"), "recordsAhead")).isZero();
        JsonNode group = admin("/admin/v1/consumer-group");
        assertThat(group.get("members")).hasSize(3);
        assertThat(IntStream.range(0, 3)
                        .map(i -> group.get("members").get(i).get("partitions").size())
                        .sum())
                .isEqualTo(12);

        assertThat(health(system.managementPort(worker)).get("components").propertyNames())
                .containsExactlyInAnyOrder("db", "kafka", "readinessState", "redis");
        assertThat(health(system.gatewayManagementPort()).get("components").propertyNames())
                .containsExactlyInAnyOrder("kafka", "readinessState", "redis");

        String workerMetrics = scrape(system.managementPort(worker));
        assertThat(metric(
                        workerMetrics,
                        "loyalty_items_processed_total{code=\"none\",outcome=\"succeeded\",type=\"customers\"}"))
                .isEqualTo(customers.get("finishedCount").asDouble())
                .isEqualTo(993);
        assertThat(metric(
                        workerMetrics,
                        "loyalty_items_processed_total{code=\"CUSTOMER_NOT_FOUND\",outcome=\"failed\","
                                + "type=\"balance-adjustment\"}"))
                .isEqualTo(adjustments.get("errorCount").asDouble())
                .isEqualTo(40);
        assertThat(metric(workerMetrics, "loyalty_items_latency_seconds_count")).isEqualTo(993 + 40);
        assertThat(metric(workerMetrics, "loyalty_jobs_ended_total{status=\"completed\",type=\"customers\"}"))
                .isEqualTo(1);
        assertThat(metric(workerMetrics, "loyalty_poll_records_sum")).isEqualTo(993 + 40);
        assertThat(metric(
                        workerMetrics, "loyalty_jobs_duration_seconds_count{status=\"completed\",type=\"customers\"}"))
                .isEqualTo(1);
        assertThat(metric(
                        workerMetrics,
                        "loyalty_jobs_duration_seconds_count{status=\"failed\",type=\"balance-adjustment\"}"))
                .isEqualTo(1);
        assertThat(workerMetrics).contains("hikaricp_connections", "kafka_consumer_");

        String gatewayMetrics = scrape(system.gatewayManagementPort());
        assertThat(metric(gatewayMetrics, "loyalty_jobs_submitted_total{type=\"customers\"}"))
                .isEqualTo(1);
        assertThat(metric(gatewayMetrics, "loyalty_items_rejected_total{type=\"customers\"}"))
                .isEqualTo(7);
        assertThat(metric(gatewayMetrics, "loyalty_items_lag_seconds")).isZero();

        // structured logging on: JSON lines; those about a job name it and its tenant; none holds personal data
        assertLogsName(gateway, "Job " + customersJob + " accepted", customersJob);
        assertLogsName(worker, "Job " + customersJob + " ended completed", customersJob);
    }

    private static void assertLogsName(JavaApp app, String message, long jobId) throws IOException {
        List<String> lines = Files.readAllLines(app.logFile());
        List<JsonNode> json = lines.stream()
                .filter(line -> line.startsWith("{"))
                .map(line -> WireCodec.mapper().readTree(line))
                .toList();
        assertThat(json).as(app.name()).hasSizeGreaterThan(10);
        JsonNode about = json.stream()
                .filter(line -> line.path("message").asString().startsWith(message))
                .findFirst()
                .orElseThrow(() -> new AssertionError(app.name() + " logged no line " + message));
        assertThat(about.path("jobId").asString()).as(about.toString()).isEqualTo(Long.toString(jobId));
        assertThat(about.path("tenant").asString()).as(about.toString()).isEqualTo(TENANT);
        assertThat(String.join("\n", lines)).doesNotContain("@example.com");
    }

    @Test
    void theAdminApiOpensOnlyToTheAdminToken() throws Exception {
        for (Map<String, String> headers : List.of(
                Map.<String, String>of(),
                Map.of("apikey", AppProcesses.DEMO_API_KEY, "secretkey", AppProcesses.DEMO_SECRET_KEY),
                Map.of("Authorization", "Bearer " + AppProcesses.DEMO_SECRET_KEY),
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN + "x"))) {
            for (String path : List.of("/admin/v1/lag", "/admin/v1/queued", "/admin/v1/jobs/1")) {
                HttpResponse<String> response = get(path, headers);
                assertThat(response.statusCode()).as(path + " " + headers).isEqualTo(401);
                assertThat(WireCodec.mapper().readTree(response.body()).toString())
                        .contains("1000");
            }
        }
        assertThat(get("/admin/v1/lag", Map.of("Authorization", "Bearer " + ADMIN_TOKEN))
                        .statusCode())
                .isEqualTo(200);
    }

    /** A tenant's entry of the admin API's backlog, or null. */
    private static JsonNode tenant(JsonNode queued, String tenant) {
        for (JsonNode entry : queued.get("tenants")) {
            if (entry.get("tenant").asString().equals(tenant)) {
                return entry;
            }
        }
        return null;
    }

    private static long sum(JsonNode array, String field) {
        long sum = 0;
        for (JsonNode entry : array) {
            sum += entry.get(field).asLong();
        }
        return sum;
    }

    private static long submit(BatchApiClient api, String type, String body) {
        BatchApiClient.Response response = api.submit(type, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return WireCodec.mapper().readTree(response.body()).get("jobId").asLong();
    }

    private static JsonNode awaitEnded(BatchApiClient api, long jobId) {
        await().atMost(Duration.ofSeconds(90))
                .until(() -> JobStatus.fromWireName(
                                status(api, jobId).get("status").asString())
                        .isTerminal());
        return status(api, jobId);
    }

    private static JsonNode status(BatchApiClient api, long jobId) {
        return WireCodec.mapper().readTree(api.status(jobId).body());
    }

    /** {@code count} customers, the last {@code invalid} of them with an email that fails validation. */
    private static String customers(String prefix, int count, int invalid) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"customerId\": \"" + prefix + "-" + i + "\", \"email\": \""
                        + (i >= count - invalid ? "not an email" : "c" + i + "@example.com") + "\"}")
                .collect(Collectors.joining(",", "{\"body\": [", "]}"));
    }

    /** Adjustments of customers that do not exist. */
    private static String adjustments(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"customerId\": \"" + prefix + "-missing-" + i
                        + "\", \"amount\": 5, \"reason\": \"goodwill\"}")
                .collect(Collectors.joining(",", "{\"body\": [", "]}"));
    }

    private static long gatewayLag() throws IOException, InterruptedException {
        String metrics = scrape(system.gatewayManagementPort());
        Matcher lag = Pattern.compile("(?m)^loyalty_items_lag\\{partition=\"\\d+\",topic=\"[^\"]+\"} (\\S+)$")
                .matcher(metrics);
        double total = 0;
        int partitions = 0;
        while (lag.find()) {
            if (lag.group(1).equals("NaN")) {
                return -1;
            }
            total += Double.parseDouble(lag.group(1));
            partitions++;
        }
        return partitions == 12 ? (long) total : -1;
    }

    private static String lagLines() {
        try {
            return scrape(system.gatewayManagementPort())
                    .lines()
                    .filter(line -> line.startsWith("loyalty_"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException | InterruptedException e) {
            return e.toString();
        }
    }

    private static JsonNode admin(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return WireCodec.mapper().readTree(response.body());
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.gatewayPort() + path));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode health(int managementPort) throws IOException, InterruptedException {
        String body = HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return WireCodec.mapper().readTree(body);
    }

    private static String scrape(int managementPort) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The value of one series, by its full name with labels as Prometheus writes them (labels sorted). */
    private static double metric(String metrics, String series) {
        Matcher value =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        assertThat(value.find()).as(series + " in%n" + metrics).isTrue();
        return switch (value.group(1)) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value.group(1));
        };
    }
}
