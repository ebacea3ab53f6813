package io.loyaltybatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.PostgresEngine;
import io.loyaltybatch.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Tenants made, keyed, limited and given programs through the admin API, on two gateway processes that share one
 * Redis and one PostgreSQL, and one worker: limits hold across both gateways, rotated and revoked keys take effect on
 * both within the tenant cache's time to live, each change is audited without its secret, and a program changed while
 * a job runs leaves every item of that job under the program it was accepted with.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantsIT {

    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final Duration TTL = Duration.ofMillis(500);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static AppProcesses first;
    private static AppProcesses second;
    private static BatchApiClient adminA;
    private static BatchApiClient adminB;

    @BeforeAll
    static void start() {
        first = system();
        second = system();
        first.startGateway(Duration.ofSeconds(90));
        second.startGateway(Duration.ofSeconds(90));
        adminA = new BatchApiClient("http://127.0.0.1:" + first.gatewayPort(), null, null);
        adminB = new BatchApiClient("http://127.0.0.1:" + second.gatewayPort(), null, null);
    }

    private static AppProcesses system() {
        return AppProcesses.forTests(LocalEngines.shared())
                .withEnv("LOYALTY_ITEMS_TOPIC_NAME", "tenants-it-" + RUN + ".items")
                .withEnv("SPRING_KAFKA_CONSUMER_GROUP_ID", "tenants-it-" + RUN)
                .withEnv("LOYALTY_TENANT_CACHE_TTL", TTL.toMillis() + "ms")
                .withGatewayEnv("LOYALTY_OPS_ADMIN_TOKEN_SHA256", AppProcesses.sha256Hex(ADMIN_TOKEN));
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    @Order(1)
    void eachLimitIsHitWithItsCodeAndHeadersAndHoldsAcrossTwoGateways() throws Exception {
        // no worker runs yet: every job stays unfinished
        // requests per second: 1 per second, 5 at once, counted once for both gateways
        Keys rate = tenantWithKey("rate-" + RUN, "{\"requestsPerSecond\": 1, \"burst\": 5}");
        List<BatchApiClient.Response> answers = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 12; i++) {
            answers.add(rate.on(i % 2 == 0 ? first : second).get(BatchApiClient.PREFIX + "/batch?limit=1"));
        }
        long elapsedSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        long allowed = answers.stream().filter(a -> a.status() == 200).count();
        assertThat(allowed)
                .as("5 at once and 1 a second, for both gateways together (%d s)", elapsedSeconds)
                .isBetween(5L, 5L + elapsedSeconds + 1)
                .isLessThan(10);
        BatchApiClient.Response ok = answers.get(0);
        assertThat(ok.header("RateLimit-Policy")).contains("\"requests\";q=5;w=5");
        assertThat(ok.header("RateLimit")).contains("\"requests\";r=4;t=0");
        BatchApiClient.Response refused =
                answers.stream().filter(a -> a.status() == 429).findFirst().orElseThrow();
        assertRefused(refused, "requests", "Too many requests");
        assertThat(answers.stream().filter(a -> a.status() == 429).map(a -> a.header("RateLimit")))
                .allSatisfy(state -> assertThat(state)
                        .hasValueSatisfying(s -> assertThat(s).matches("\"requests\";r=0;t=[1-9]\\d*")));
        assertThat(answers).allMatch(a -> a.status() == 200 || a.status() == 429);
        assertThat(answers.subList(0, 4)).as("both gateways count").allMatch(a -> a.status() == 200);

        // unfinished jobs: 2, whichever gateway takes them
        Keys jobs = tenantWithKey("jobs-" + RUN, "{\"concurrentJobs\": 2}");
        assertThat(jobs.on(first).submit("customers", customers("j1", 1)).status())
                .isEqualTo(200);
        assertThat(jobs.on(second).submit("customers", customers("j2", 1)).status())
                .isEqualTo(200);
        assertRefused(jobs.on(first).submit("customers", customers("j3", 1)), "jobs", "Too many unfinished jobs");
        assertRefused(jobs.on(second).submit("customers", customers("j3", 1)), "jobs", "Too many unfinished jobs");

        // items per day: 1,500, whichever gateway takes them
        Keys items = tenantWithKey("items-" + RUN, "{\"itemsPerDay\": 1500}");
        assertThat(items.on(first).submit("customers", customers("i1", 1000)).status())
                .isEqualTo(200);
        BatchApiClient.Response overDay = items.on(second).submit("customers", customers("i2", 600));
        assertRefused(overDay, "items", "Too many items today");
        assertThat(overDay.header("RateLimit"))
                .hasValueSatisfying(s -> assertThat(s).startsWith("\"items\";r=500;t="));
        assertThat(overDay.header("RateLimit-Policy")).contains("\"items\";q=1500;w=86400");
        assertThat(items.on(second).submit("customers", customers("i3", 500)).status())
                .as("what is left of the day")
                .isEqualTo(200);
        assertRefused(items.on(first).submit("customers", customers("i4", 1)), "items", "Too many items today");

        // body size: 2 KB for this tenant, while the server takes 5 MB from any
        Keys small = tenantWithKey("body-" + RUN, "{\"maxBodyBytes\": 2048}");
        BatchApiClient.Response tooLarge = small.on(second).submit("customers", customers("b1", 100));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(json(tooLarge).get("code").asInt()).isEqualTo(3011);
        assertThat(small.on(first).submit("customers", customers("b2", 3)).status())
                .isEqualTo(200);

        // once a worker runs, the two jobs end and no longer count
        // small polls on one consumer thread: a job's items are applied 20 at a time, so a job is seen running
        first.startWorker(
                "tenants-worker",
                Map.of("SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "20", "SPRING_KAFKA_LISTENER_CONCURRENCY", "1"),
                "Started WorkerApplication",
                Duration.ofSeconds(90));
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(() ->
                        jobs.on(second).submit("customers", customers("j4", 1)).status() == 200);
    }

    @Test
    @Order(2)
    void aRotatedSecretWorksWithThePreviousOneForItsGracePeriodAndARevokedKeyNowhereAndAllIsAudited() throws Exception {
        String tenant = "keys-" + RUN;
        Keys issued = tenantWithKey(tenant, "{}");
        assertThat(issued.on(first).submit("customers", customers("k1", 2)).status())
                .isEqualTo(200);

        JsonNode rotated = admin(
                adminA,
                "POST",
                "/tenants/" + tenant + "/keys/" + issued.apiKey + "/rotate",
                "{\"graceSeconds\": 3600}",
                200);
        Keys next = new Keys(issued.apiKey, rotated.get("secretKey").asString());
        assertThat(next.secret).isNotEqualTo(issued.secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(rotated.get("previousValidUntil").asString()).isNotBlank();
        for (AppProcesses gateway : List.of(first, second)) {
            await().atMost(TTL.multipliedBy(4)).until(() -> listed(next.on(gateway)) == 200);
            assertThat(listed(issued.on(gateway)))
                    .as("the previous secret, in its grace period")
                    .isEqualTo(200);
        }

        // a rotation without grace, through the CLI: only the newest secret is accepted, on both gateways, within
        // the cache's TTL
        JsonNode again = WireCodec.mapper()
                .readTree(batchctl(second, "admin", "rotate-key", tenant, issued.apiKey, "--grace", "0s"));
        Keys newest = new Keys(issued.apiKey, again.get("secretKey").asString());
        for (AppProcesses gateway : List.of(first, second)) {
            await().atMost(TTL.multipliedBy(4)).until(() -> listed(newest.on(gateway)) == 200);
            assertThat(code(next.on(gateway).get(BatchApiClient.PREFIX + "/batch")))
                    .isEqualTo(1001);
            assertThat(code(issued.on(gateway).get(BatchApiClient.PREFIX + "/batch")))
                    .isEqualTo(1001);
        }

        admin(adminA, "DELETE", "/tenants/" + tenant + "/keys/" + issued.apiKey, "", 200);
        for (AppProcesses gateway : List.of(first, second)) {
            await().atMost(TTL.multipliedBy(4))
                    .until(() -> code(newest.on(gateway).get(BatchApiClient.PREFIX + "/batch")) == 1000);
        }
        assertThat(code(adminA.send(
                        "DELETE",
                        "/admin/v1/tenants/" + tenant + "/keys/" + issued.apiKey,
                        "",
                        Map.of("Authorization", "Bearer " + ADMIN_TOKEN))))
                .as("revoked already")
                .isEqualTo(4004);
        assertThat(newest.on(first).get(BatchApiClient.PREFIX + "/batch").status())
                .isEqualTo(401);
        assertThat(issued.on(first)
                        .send("GET", "/admin/v1/tenants/" + tenant, "", Map.of())
                        .status())
                .as("tenant keys never open the admin API")
                .isEqualTo(401);

        JsonNode audit = admin(adminB, "GET", "/tenants/" + tenant + "/audit", "", 200);
        List<String> actions = new ArrayList<>();
        audit.get("records")
                .forEach(r -> actions.add(
                        r.get("action").asString() + " by " + r.get("actor").asString()));
        assertThat(actions)
                .containsExactly(
                        "key.revoke by admin",
                        "key.rotate by admin",
                        "key.rotate by admin",
                        "key.issue by admin",
                        "tenant.create by admin");
        String everything = audit.toString() + auditRows(tenant);
        for (Keys secret : List.of(issued, next, newest)) {
            assertThat(everything)
                    .contains(secret.apiKey)
                    .doesNotContain(secret.secret)
                    .doesNotContain(AppProcesses.sha256Hex(secret.secret));
        }
        JsonNode view = WireCodec.mapper().readTree(batchctl(first, "admin", "tenant", tenant));
        assertThat(view.toString()).doesNotContain(newest.secret).doesNotContain(AppProcesses.sha256Hex(newest.secret));
        assertThat(view.get("keys").get(0).get("revokedAt").asString()).isNotBlank();
    }

    @Test
    @Order(3)
    void aProgramChangedMidJobLeavesThatJobOnItsProgramAndTheNextJobOnTheNewOne() throws Exception {
        String tenant = "program-" + RUN;
        Keys keys =
                tenantWithKey(tenant, "{}", "{\"earnPoints\": 1, \"earnPerAmount\": 1.00, \"pointsName\": \"Points\"}");
        // each of this tenant's orders takes 4 ms to write, so that the job is still running when the program changes
        sql("CREATE FUNCTION slow_" + RUN.replace("-", "") + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.tenant_id = '" + tenant + "' THEN PERFORM pg_sleep(0.004); END IF; RETURN NEW; END $$");
        sql("CREATE TRIGGER slow_" + RUN.replace("-", "")
                + " BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION slow_" + RUN.replace("-", "") + "()");

        // a customer whose balance each gateway reads, to see which program it shows
        long seen = jobId(keys.on(first).submit("customers", "{\"body\": [{\"customerId\": \"seen\"}]}"));
        await().atMost(Duration.ofMinutes(1))
                .until(() -> "completed"
                        .equals(json(keys.on(first).status(seen)).get("status").asString()));
        String customer = BatchApiClient.PREFIX + "/customers/seen/balance";
        for (AppProcesses gateway : List.of(first, second)) {
            assertThat(json(keys.on(gateway).get(customer)).get("pointsName").asString())
                    .isEqualTo("Points");
        }

        long job = jobId(keys.on(first).submit("orders", orders("before", 1000)));
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> json(keys.on(first).status(job)).get("totalCount").asInt() > 0);
        JsonNode changed = admin(
                adminB,
                "PUT",
                "/tenants/" + tenant + "/program",
                "{\"earnPoints\": 10, \"earnPerAmount\": 1.00, \"pointsName\": \"Stars\"}",
                200);
        assertThat(changed.get("version").asInt()).isEqualTo(2);
        assertThat(json(keys.on(first).status(job)).get("totalCount").asInt())
                .as("items of the job still in flight after the change")
                .isLessThan(1000);

        // both gateways show the new program within the cache's TTL (plus the time a read takes)
        for (AppProcesses gateway : List.of(first, second)) {
            await().atMost(TTL.plus(Duration.ofSeconds(2)))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        BatchApiClient.Response balance = keys.on(gateway).get(customer);
                        return balance.status() == 200
                                && "Stars"
                                        .equals(json(balance).get("pointsName").asString());
                    });
        }
        long after = jobId(keys.on(second).submit("orders", orders("after", 200)));
        await().atMost(Duration.ofMinutes(2))
                .until(() -> List.of(job, after).stream()
                        .allMatch(id -> "completed"
                                .equals(json(keys.on(first).status(id))
                                        .get("status")
                                        .asString())));

        // every order of the first job earned under version 1 (10.00 -> 10 points), every order of the second under
        // version 2 (10.00 -> 100 points); each applied once
        assertThat(rewardedPoints(tenant, "before-%")).containsExactly(Map.entry(10L, 1000L));
        assertThat(rewardedPoints(tenant, "after-%")).containsExactly(Map.entry(100L, 200L));
        JsonNode audit = admin(adminA, "GET", "/tenants/" + tenant + "/audit", "", 200);
        assertThat(audit.get("records").get(0).get("action").asString()).isEqualTo("program.set");
        assertThat(audit.get("records").get(0).get("detail").get("version").asInt())
                .isEqualTo(2);
    }

    /** A key pair of a new tenant, made through the admin API, accepted by both gateways. */
    private static Keys tenantWithKey(String tenant, String limits) throws Exception {
        return tenantWithKey(tenant, limits, null);
    }

    private static Keys tenantWithKey(String tenant, String limits, String program) throws Exception {
        admin(
                adminA,
                "POST",
                "/tenants",
                "{\"tenantId\": \"" + tenant + "\", \"limits\": " + limits
                        + (program == null ? "" : ", \"program\": " + program) + "}",
                201);
        JsonNode issued = admin(adminB, "POST", "/tenants/" + tenant + "/keys", "", 201);
        Keys keys = new Keys(
                issued.get("apiKey").asString(), issued.get("secretKey").asString());
        // known to a gateway once a wrong secret is refused as such (1001, not 1000): asked so, no request counts
        // against the tenant's rate
        for (AppProcesses gateway : List.of(first, second)) {
            await().atMost(TTL.multipliedBy(4))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() ->
                            code(gateway.client(keys.apiKey, "wrong").get(BatchApiClient.PREFIX + "/batch")) == 1001);
        }
        return keys;
    }

    private record Keys(String apiKey, String secret) {
        BatchApiClient on(AppProcesses gateway) {
            return gateway.client(apiKey, secret);
        }
    }

    /** What {@code batchctl} printed, run against the gateway with the admin token in its environment. */
    private static String batchctl(AppProcesses gateway, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx128m", "-jar", System.getProperty("batchctl.jar")));
        command.addAll(List.of(args));
        command.addAll(List.of("--url", "http://127.0.0.1:" + gateway.gatewayPort()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LOYALTY_ADMIN_TOKEN", ADMIN_TOKEN);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out + err).doesNotContain(ADMIN_TOKEN);
        return out;
    }

    private static JsonNode admin(BatchApiClient client, String method, String path, String body, int status) {
        BatchApiClient.Response response =
                client.send(method, "/admin/v1" + path, body, Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return json(response);
    }

    private static void assertRefused(BatchApiClient.Response response, String policy, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        JsonNode error = json(response);
        assertThat(error.get("code").asInt()).isEqualTo(2029);
        assertThat(error.get("type").asString()).isEqualTo("REQUEST_ERROR");
        assertThat(error.get("message").asString()).startsWith(message);
        assertThat(response.header("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(response.header("RateLimit-Policy"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("\"" + policy + "\";q="));
        assertThat(response.header("RateLimit"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("\"" + policy + "\";r="));
    }

    private static int listed(BatchApiClient api) {
        return api.get(BatchApiClient.PREFIX + "/batch?limit=1").status();
    }

    private static int code(BatchApiClient.Response response) {
        JsonNode body = json(response);
        return body != null && body.has("code") ? body.get("code").asInt() : 0;
    }

    private static JsonNode json(BatchApiClient.Response response) {
        return WireCodec.mapper().readTree(response.body());
    }

    private static long jobId(BatchApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json(response).get("jobId").asLong();
    }

    private static String customers(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"customerId\": \"" + prefix + "-" + RUN + "-" + i + "\"}")
                .collect(Collectors.joining(",", "{\"body\": [", "]}"));
    }

    private static String orders(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> LoyaltyScenarios.order(prefix + "-" + i, prefix + "-order-" + i, "10.00"))
                .collect(Collectors.joining(",", "{\"body\": [", "]}"));
    }

    /** Rewarded points -> orders of the tenant's customers whose id is like {@code pattern}. */
    private static Map<Long, Long> rewardedPoints(String tenant, String pattern) throws SQLException {
        Map<Long, Long> counted = new java.util.TreeMap<>();
        try (Connection db = database();
                var query = db.prepareStatement("SELECT rewarded_points, count(*) FROM orders WHERE tenant_id = ?"
                        + " AND customer_id LIKE ? GROUP BY rewarded_points")) {
            query.setString(1, tenant);
            query.setString(2, pattern);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counted.put(rows.getLong(1), rows.getLong(2));
                }
            }
        }
        return counted;
    }

    private static String auditRows(String tenant) throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection db = database();
                var query = db.prepareStatement(
                        "SELECT actor, action, detail::text FROM tenant_audit WHERE tenant_id = ?")) {
            query.setString(1, tenant);
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    rows.append(found.getString(1)).append(found.getString(2)).append(found.getString(3));
                }
            }
        }
        return rows.toString();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection db = database();
                Statement run = db.createStatement()) {
            run.execute(statement);
        }
    }

    private static Connection database() throws SQLException {
        PostgresEngine postgres = LocalEngines.shared().postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
}
