package io.loyaltybatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import io.loyaltybatch.engines.JavaApp;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.model.WireCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What the people who submit jobs use besides submit and status, on gateway and worker processes and the real
 * engines: the listing, the results export, the ETA of a job waiting behind others, the retry of items that
 * failed with 5000 once their cause is mended, and the signed end notices to a receiver that fails at first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobToolsIT {

    /** A tenant of this class alone, so its listing holds only the jobs this class submits. */
    private static final String TENANT = "tools";

    private static final String API_KEY = "tools-api-key";
    private static final String SECRET = "tools-secret-key";

    /** The key the tenant's end notices are signed with. */
    private static final String HOOK_SECRET = "whsec-tools-0123456789";

    private AppProcesses system;
    private BatchApiClient api;
    private JavaApp worker;

    /** What the tenant's receiver got: the signature header, the body, and what it answered. */
    record Received(String signature, byte[] body, int answered) {
        long jobId() {
            return WireCodec.mapper().readTree(body).get("data").get("jobId").asLong();
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<Long, AtomicInteger> deliveriesByJob = new ConcurrentHashMap<>();
    private HttpServer receiver;

    /** A receiver that fails the first two deliveries of every notice with a 500, then takes it. */
    private HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long jobId =
                    WireCodec.mapper().readTree(body).get("data").get("jobId").asLong();
            int delivery = deliveriesByJob
                    .computeIfAbsent(jobId, id -> new AtomicInteger())
                    .incrementAndGet();
            int status = delivery <= 2 ? 500 : 204;
            received.add(new Received(exchange.getRequestHeaders().getFirst("Loyalty-Signature"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    @BeforeAll
    void start() throws IOException {
        receiver = receiver();
        system = AppProcesses.forTests(LocalEngines.shared())
                .withTenant(TENANT, API_KEY, SECRET)
                .withGatewayEnv(
                        "LOYALTY_WEBHOOKS_TENANTS_TOOLS_URL",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks")
                .withGatewayEnv("LOYALTY_WEBHOOKS_TENANTS_TOOLS_SECRET", HOOK_SECRET)
                .withGatewayEnv("LOYALTY_WEBHOOKS_POLL_INTERVAL", "100ms")
                .withGatewayEnv("LOYALTY_WEBHOOKS_FIRST_RETRY", "200ms")
                // readings of the group's offsets every half second, rates over the last three seconds
                .withGatewayEnv("LOYALTY_OPS_LAG_INTERVAL", "500ms")
                .withGatewayEnv("LOYALTY_OPS_RATE_WINDOW", "3s");
        system.startGateway(Duration.ofSeconds(90));
        api = system.client(API_KEY, SECRET);
        startWorker();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /**
     * One consumer thread taking 5 records a poll, so a backlog of a few thousand items takes seconds to drain; an item
     * that fails is retried once.
     */
    private void startWorker() {
        worker = system.startWorker(
                "tools-worker-" + UUID.randomUUID().toString().substring(0, 4),
                Map.of(
                        "SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "5",
                        "SPRING_KAFKA_LISTENER_CONCURRENCY", "1",
                        "LOYALTY_WORKER_ITEM_RETRIES", "1",
                        "LOYALTY_WORKER_RETRY_INITIAL_INTERVAL", "50ms"),
                "Started WorkerApplication",
                Duration.ofSeconds(90));
    }

    private static JsonNode json(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return WireCodec.mapper().readTree(response.body());
    }

    private long submit(String type, List<String> items) {
        return json(api.submit(type, "{\"body\": [" + String.join(",", items) + "]}"))
                .get("jobId")
                .asLong();
    }

    private static List<String> customers(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"customerId\": \"" + prefix + "-" + i + "\"}")
                .toList();
    }

    private JsonNode status(long jobId) {
        return json(api.status(jobId));
    }

    private JsonNode ended(long jobId) {
        await().atMost(Duration.ofSeconds(120))
                .until(() -> List.of("completed", "failed")
                        .contains(status(jobId).get("status").asString()));
        return status(jobId);
    }

    private static String pace(JsonNode job) {
        return job.get("status").asString() + " " + job.get("totalCount").asInt() + " eta=" + job.get("etaSeconds")
                + " rate=" + job.get("itemsPerSecond");
    }

    private static List<Long> jobIds(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("jobs").forEach(job -> ids.add(job.get("jobId").asLong()));
        return ids;
    }

    @Test
    void aTenantPagesThroughItsJobsNewestFirstAndExportsTheirResults() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long first = submit("customers", customers("list-a-" + run, 2));
        List<String> withInvalid = new ArrayList<>(customers("list-b-" + run, 2));
        withInvalid.add(1, "{\"name\": \"no id\"}");
        long second = submit("customers", withInvalid);
        long third = submit("customers", customers("list-c-" + run, 1));
        List.of(first, second, third).forEach(this::ended);

        JsonNode page = json(api.get(BatchApiClient.PREFIX + "/batch?limit=2"));
        assertThat(jobIds(page)).containsExactly(third, second);
        JsonNode rest = json(api.get(BatchApiClient.PREFIX + "/batch?limit=2&cursor="
                + page.get("nextCursor").asString()));
        assertThat(jobIds(rest)).containsExactly(first);
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        assertThat(jobIds(json(api.get(BatchApiClient.PREFIX + "/batch?status=completed&type=customers"))))
                .containsExactly(third, second, first);
        assertThat(jobIds(json(api.get(BatchApiClient.PREFIX + "/batch?type=orders"))))
                .isEmpty();
        JsonNode summary = page.get("jobs").get(1);
        assertThat(summary.get("itemCount").asInt()).isEqualTo(3);
        assertThat(summary.get("errorCount").asInt()).isEqualTo(1);
        assertThat(summary.has("response")).isFalse();
        // another tenant's listing holds none of them
        assertThat(jobIds(json(system.demoClient().get(BatchApiClient.PREFIX + "/batch?limit=100"))))
                .doesNotContain(first, second, third);

        Response ndjson = api.get(BatchApiClient.PREFIX + "/batch/" + second + "/results");
        assertThat(ndjson.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        List<JsonNode> lines = ndjson.body()
                .lines()
                .map(line -> WireCodec.mapper().readTree(line))
                .toList();
        assertThat(lines).extracting(line -> line.get("index").asInt()).containsExactly(0, 1, 2);
        assertThat(lines)
                .extracting(line -> line.get("outcome").asString())
                .containsExactly("successful", "failed", "successful");
        assertThat(lines.get(1).get("code").asInt()).isEqualTo(3000);
        assertThat(lines.get(2).get("customerId").asString()).isEqualTo("list-b-" + run + "-1");

        Response csv = api.get(BatchApiClient.PREFIX + "/batch/" + second + "/results?format=csv&outcome=failed");
        assertThat(csv.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body().split("\r\n"))
                .containsExactly(
                        "index,customerId,outcome,code,message,payload",
                        "1,,failed,3000," + lines.get(1).get("message").asString() + ",");
        assertThat(system.demoClient()
                        .get(BatchApiClient.PREFIX + "/batch/" + second + "/results")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aJobWaitingBehindOthersSaysHowLongTheyTakeAndNothingOnceItEnded() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        worker.stop();
        List<Long> backlog = new ArrayList<>();
        for (int job = 0; job < 4; job++) {
            backlog.add(submit("customers", customers("eta-" + job + "-" + run, 1000)));
        }
        long last = submit("customers", customers("eta-last-" + run, 1000));

        // nothing consumes the items: once the rate window holds no consumption, how long they take cannot be told
        await().atMost(Duration.ofSeconds(30)).until(() -> !status(last).has("etaSeconds"));
        JsonNode waiting = status(last);
        assertThat(waiting.get("status").asString()).isEqualTo("queued");
        assertThat(waiting.has("itemsPerSecond")).isFalse();

        startWorker();
        AtomicReference<String> seen = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode head = status(backlog.get(0));
                JsonNode behind = status(last);
                seen.set(pace(head) + " / " + pace(behind));
                assertThat(behind.get("status").asString()).isEqualTo("queued");
                assertThat(head.has("etaSeconds")).isTrue();
                assertThat(behind.has("etaSeconds")).isTrue();
                // the last job's items lie behind the head's on every partition
                assertThat(behind.get("etaSeconds").asDouble())
                        .isGreaterThan(head.get("etaSeconds").asDouble())
                        .isPositive();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("head / last job, last seen: " + seen.get(), e);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode running = status(last);
            assertThat(running.get("status").asString()).isEqualTo("running");
            assertThat(running.get("itemsPerSecond").asDouble()).isPositive();
        });

        JsonNode done = ended(last);
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.has("etaSeconds")).isFalse();
        assertThat(done.has("itemsPerSecond")).isFalse();
        backlog.forEach(this::ended);
    }

    @Test
    void itemsThatFailedWith5000AreRetriedOnceTheirCauseIsMendedInAJobLinkedBothWays() throws SQLException {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String poison = "poison-" + run;
        // a cause the items cannot get past however often they are tried, until an operator mends it
        sql("CREATE FUNCTION refuse_" + run + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.customer_id LIKE '" + poison + "-%' THEN RAISE EXCEPTION 'refused'; END IF; "
                + "RETURN NEW; END $$");
        sql("CREATE TRIGGER refuse_" + run + " BEFORE INSERT OR UPDATE ON customers FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_" + run + "()");
        long parent;
        try {
            List<String> items = List.of(
                    "{\"customerId\": \"fine-" + run + "-0\"}",
                    "{\"customerId\": \"" + poison + "-1\", \"customerAttributes\": {\"displayName\": \"P One\"}}",
                    "{\"customerId\": \"fine-" + run + "-2\"}",
                    "{\"customerId\": \"" + poison + "-3\"}");
            parent = submit("customers", items);
            JsonNode failed = ended(parent);
            assertThat(failed.get("status").asString()).isEqualTo("completed");
            assertThat(failed.get("response").get("failed").findValues("code"))
                    .extracting(JsonNode::asInt)
                    .containsExactly(5000, 5000);
            Response tooEarly = api.post(BatchApiClient.PREFIX + "/batch/" + parent + "/retry", "", Map.of());
            assertThat(tooEarly.status()).isEqualTo(200);
            // that retry ran into the same cause: retried again below, once it is mended
            JsonNode retriedTooEarly = ended(json(tooEarly).get("jobId").asLong());
            assertThat(retriedTooEarly.get("errorCount").asInt()).isEqualTo(2);
        } finally {
            sql("DROP TRIGGER refuse_" + run + " ON customers");
            sql("DROP FUNCTION refuse_" + run + "()");
        }
        long firstRetry = status(parent).get("retryJobIds").get(0).asLong();

        Response retry = api.post(BatchApiClient.PREFIX + "/batch/" + firstRetry + "/retry", "", Map.of());
        long retryJob = json(retry).get("jobId").asLong();
        JsonNode retried = ended(retryJob);

        assertThat(retried.get("status").asString()).isEqualTo("completed");
        assertThat(retried.get("operation").asString()).isEqualTo("Customer Creation Batch Job");
        assertThat(retried.get("itemCount").asInt()).isEqualTo(2);
        assertThat(retried.get("response").get("successful").findValues("customerId"))
                .extracting(JsonNode::asString)
                .containsExactly(poison + "-1", poison + "-3");
        assertThat(retried.get("parentJobId").asLong()).isEqualTo(firstRetry);
        assertThat(status(firstRetry).get("retryJobIds").get(0).asLong()).isEqualTo(retryJob);
        assertThat(status(firstRetry).get("parentJobId").asLong()).isEqualTo(parent);
        assertThat(SharedDatabase.number(
                        "SELECT count(*) FROM customers WHERE customer_id LIKE ?",
                        statement -> statement.setString(1, poison + "-%")))
                .isEqualTo(2);

        Response again = api.post(BatchApiClient.PREFIX + "/batch/" + firstRetry + "/retry", "", Map.of());
        assertThat(json(again).get("jobId").asLong()).isEqualTo(retryJob);
        assertThat(again.header("Idempotent-Replayed")).hasValue("true");
        Response nothingLeft = api.post(BatchApiClient.PREFIX + "/batch/" + retryJob + "/retry", "", Map.of());
        assertThat(nothingLeft.status()).isEqualTo(409);
        assertThat(WireCodec.mapper().readTree(nothingLeft.body()).get("code").asInt())
                .isEqualTo(4000);
        assertThat(system.demoClient()
                        .post(BatchApiClient.PREFIX + "/batch/" + parent + "/retry", "", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aJobsEndIsNoticedSignedAndDeliveredAgainUntilTheReceiverTakesIt() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long jobId = submit("customers", customers("hook-" + run, 3));
        ended(jobId);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> received.stream().anyMatch(r -> r.jobId() == jobId && r.answered() == 204));

        List<Received> mine = received.stream().filter(r -> r.jobId() == jobId).toList();
        assertThat(mine).extracting(Received::answered).containsExactly(500, 500, 204);
        for (Received delivery : mine) {
            // t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, checked here as a receiver would
            Map<String, String> parts = new java.util.HashMap<>();
            for (String part : delivery.signature().split(",")) {
                parts.put(part.substring(0, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
            }
            long seconds = Long.parseLong(parts.get("t"));
            assertThat(Math.abs(System.currentTimeMillis() / 1000 - seconds)).isLessThan(300);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((seconds + ".").getBytes(StandardCharsets.UTF_8));
            assertThat(parts.get("v1")).isEqualTo(HexFormat.of().formatHex(mac.doFinal(delivery.body())));
        }
        JsonNode notice = WireCodec.mapper().readTree(mine.get(2).body());
        assertThat(notice.get("id").asString()).isEqualTo("job-ended-" + jobId);
        assertThat(notice.get("type").asString()).isEqualTo("job.ended");
        assertThat(notice.get("data").get("status").asString()).isEqualTo("completed");
        assertThat(notice.get("data").get("itemCount").asInt()).isEqualTo(3);
        assertThat(notice.get("data").get("finishedCount").asInt()).isEqualTo(3);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(json(api.get(BatchApiClient.PREFIX + "/batch/" + jobId + "/deliveries"))
                                .get("deliveries")
                                .findValues("status"))
                        .extracting(JsonNode::asInt)
                        .containsExactly(500, 500, 204));
        JsonNode log = json(api.get(BatchApiClient.PREFIX + "/batch/" + jobId + "/deliveries"));
        assertThat(log.get("deliveries").findValues("attempt"))
                .extracting(JsonNode::asInt)
                .containsExactly(1, 2, 3);
        assertThat(log.get("deliveries").get(0).get("error").asString()).isEqualTo("HTTP 500");
        assertThat(log.get("deliveries").get(2).get("error").isNull()).isTrue();
        assertThat(system.demoClient()
                        .get(BatchApiClient.PREFIX + "/batch/" + jobId + "/deliveries")
                        .status())
                .isEqualTo(404);
    }

    /**
     * The dashboard in headless Chromium: a wrong secret is refused; signed in, the tenant watches a job that runs
     * for seconds (a trigger slows each of its customers) move on its bar and reach 100 %, then opens it and filters
     * its failed items, one of which carries markup that must stay text.
     */
    @Test
    void theDashboardShowsARunningJobReachCompleteAndFiltersItsFailedItems(@TempDir Path profile) throws Exception {
        // .ci/run installs the browser; on a machine without it this scenario alone is skipped, never in CI
        assumeTrue(
                DashboardPage.browserInstalled() || "true".equals(System.getenv("CI")),
                "no " + DashboardPage.CHROMIUM + " or " + DashboardPage.CHROMEDRIVER);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + system.gatewayPort();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(base + "/dashboard/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy)
                        .contains(
                                "default-src 'none'",
                                "script-src 'self'",
                                "connect-src 'self'",
                                "form-action 'none'",
                                "frame-ancestors 'none'")
                        .doesNotContain("unsafe"));
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/dashboard"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(302);

        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String slow = "dash-" + run;
        sql("CREATE FUNCTION slow_" + run + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.customer_id LIKE '" + slow + "-%' THEN PERFORM pg_sleep(0.002); END IF; "
                + "RETURN NEW; END $$");
        sql("CREATE TRIGGER slow_" + run + " BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION slow_" + run
                + "()");
        String markup = "<img src=x onerror=document.title='taken'>" + run;
        List<String> items = new ArrayList<>(customers(slow, 997));
        items.add(100, "{\"customerId\": \"" + slow + "-bad-1\", \"email\": \"not an email\"}");
        items.add(500, "{\"name\": \"no id\"}");
        items.add(900, "{\"customerId\": \"" + markup.replace("'", "\\u0027") + "\", \"email\": \"x\"}");
        Path shots = Path.of("target", "dashboard");
        // submitted first, so that the page, once signed in, lists an unfinished job and so looks every second; no
        // worker takes it before then, however long the browser takes to start, so the page sees it run
        worker.stop();
        long jobId = submit("customers", items);
        try (DashboardPage dashboard = DashboardPage.open(system.gatewayPort(), profile)) {
            dashboard.signIn(API_KEY, "not-the-secret");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> dashboard.loginError().contains("refused"));
            assertThat(dashboard.showsJobs()).isFalse();
            dashboard.signIn(API_KEY, SECRET);
            await().atMost(Duration.ofSeconds(20)).until(dashboard::showsJobs);
            startWorker();

            AtomicReference<DashboardPage.JobRow> running = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
                DashboardPage.JobRow row = dashboard.job(jobId).orElseThrow();
                running.set(row);
                return row.status().equals("running") && row.percent() > 0 && row.percent() < 100;
            });
            assertThat(running.get().itemsPerSecond())
                    .as("items/s of a running job")
                    .isNotBlank();
            dashboard.screenshot(shots.resolve("running.png"));
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> {
                DashboardPage.JobRow row = dashboard.job(jobId).orElseThrow();
                return row.status().equals("completed")
                        && row.percent() == 100
                        && row.progressLabel().equals("1,000 / 1,000 (100 %)");
            });

            JsonNode failed = status(jobId).get("response").get("failed");
            assertThat(failed).hasSize(3);
            String invalidEmail = failed.get(0).get("code").asString();
            long withThatCode = failed.findValues("code").stream()
                    .filter(code -> code.asString().equals(invalidEmail))
                    .count();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
                dashboard.openJob(jobId);
                assertThat(dashboard.openedJob()).isEqualTo(Long.toString(jobId));
                assertThat(dashboard.failedCount()).isEqualTo("(3)");
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(dashboard.failedItems())
                        .extracting(cells -> cells.get(0))
                        .containsExactly("100", "500", "900");
                assertThat(dashboard.failedItems())
                        .extracting(cells -> cells.get(1))
                        .contains(slow + "-bad-1", markup);
            });
            assertThat(dashboard.injectedElements()).isZero();
            assertThat(dashboard.canStop()).isFalse();
            assertThat(withThatCode).isEqualTo(2);
            dashboard.filterFailed(invalidEmail, "");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(dashboard.failedItems()).hasSize((int) withThatCode));
            dashboard.filterFailed("", "<img");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(dashboard.failedItems())
                            .extracting(cells -> cells.get(1))
                            .containsExactly(markup));
            // the screenshot shows the items of one code
            dashboard.filterFailed(invalidEmail, "");
            assertThat(dashboard.canRetry()).as("no item failed with 5000").isFalse();
            dashboard.screenshot(shots.resolve("job.png"));
        } finally {
            sql("DROP TRIGGER slow_" + run + " ON customers");
            sql("DROP FUNCTION slow_" + run + "()");
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = LocalEngines.shared().postgres().connect();
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
