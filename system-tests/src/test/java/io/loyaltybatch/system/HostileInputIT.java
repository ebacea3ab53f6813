package io.loyaltybatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import io.loyaltybatch.engines.JavaApp;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.RawHttp;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A seeded generator of hostile requests against the gateway and worker processes: wrong JSON types for every field,
 * NUL characters and unpaired surrogates, huge and tiny numbers, far dates, deep nesting, long strings, duplicate
 * keys, malformed bodies, odd headers, paths and methods. Meanwhile another tenant submits well-formed jobs. No answer
 * may be a 5xx, HTML or a stack trace; every error is the contract's envelope; every accepted job ends; every
 * neighbouring job completes within {@link #NEIGHBOUR_BOUND}; and no log line holds personal data or a secret.
 */
class HostileInputIT {

    private static final long SEED = 20261201L;
    private static final int REQUESTS = 10_500;
    /** How long a well-formed job of another tenant may take while the hostile traffic runs. */
    private static final Duration NEIGHBOUR_BOUND = Duration.ofSeconds(60);
    /** Every email, name and mobile the test sends carries this; no log line may. */
    private static final String PII = "zq7pii";

    private static final String PREFIX = BatchApiClient.PREFIX;
    private static final List<String> TYPES =
            List.of("customers", "orders", "balance-inquiry", "balance-adjustment", "cashback", "redeem", "events");

    /** A second tenant, configured as an operator would: its secret only as a digest. */
    private static final String OTHER_KEY = "globex-key";

    private static final String OTHER_SECRET = "globex-secret-7e1f";

    private static AppProcesses system;
    private static int workerPort;

    private final Random random = new Random(SEED);
    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private final List<Long> acceptedJobs = new ArrayList<>();
    private final Map<Long, Long> neighbours = new LinkedHashMap<>();
    private final Map<Long, Long> neighboursDone = new LinkedHashMap<>();
    private long sendingNanos;

    @BeforeAll
    static void start() {
        system = AppProcesses.forTests(LocalEngines.shared()).withTenant("globex", OTHER_KEY, OTHER_SECRET);
        system.startGateway(Duration.ofSeconds(90));
        JavaApp worker =
                system.startWorker("hostile-worker", Map.of(), "Started WorkerApplication", Duration.ofSeconds(90));
        workerPort = system.managementPort(worker);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void tenThousandHostileRequestsGetContractAnswersAndHarmNoNeighbour() throws IOException {
        BatchApiClient demo = system.demoClient();
        BatchApiClient other = system.client(OTHER_KEY, OTHER_SECRET);
        for (int i = 0; i < REQUESTS; i++) {
            if (i % 250 == 0) {
                submitNeighbour(other, i);
            }
            if (i % 50 == 0) {
                checkNeighbours(other);
            }
            long before = System.nanoTime();
            send(demo, other);
            sendingNanos += System.nanoTime() - before;
        }
        long sent = System.nanoTime();

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    checkNeighbours(other);
                    return neighboursDone.size() == neighbours.size();
                });
        // each look asks only for the jobs not yet seen ended
        List<Long> open = new ArrayList<>(acceptedJobs);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    open.removeIf(jobId -> isTerminal(demo, jobId));
                    return open.isEmpty();
                });
        neighbours.forEach((jobId, submittedAt) -> {
            long took = neighboursDone.get(jobId) - submittedAt;
            if (took > NEIGHBOUR_BOUND.toNanos()) {
                violations.add("neighbour job " + jobId + " took " + took / 1_000_000 + " ms");
            }
        });
        long settled = System.nanoTime();
        List<String> leaks = leaksInLogs();

        System.out.printf(
                "HOSTILE seed=%d requests=%d in %.1fs, jobs settled %.1fs later; accepted-jobs=%d neighbour-jobs=%d"
                        + " (bound %ds) %s violations=%d log-leaks=%d%n",
                SEED,
                counts.values().stream().mapToInt(Integer::intValue).sum(),
                sendingNanos / 1e9,
                (settled - sent) / 1e9,
                acceptedJobs.size(),
                neighbours.size(),
                NEIGHBOUR_BOUND.toSeconds(),
                counts,
                violations.size(),
                leaks.size());
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(10_000);
        assertThat(violations).isEmpty();
        assertThat(leaks).isEmpty();
        assertThat(acceptedJobs).hasSizeGreaterThan(1000);
    }

    private void send(BatchApiClient demo, BatchApiClient other) {
        int kind = random.nextInt(100);
        if (kind < 55) {
            check("submit", demo.post(PREFIX + "/batch/" + pick(TYPES), hostileBatch(), headers()), true);
        } else if (kind < 62) {
            check("submit-body", demo.post(PREFIX + "/batch/" + pick(TYPES), hostileBody(), Map.of()), true);
        } else if (kind < 72) {
            check("status", (random.nextBoolean() ? demo : other).get(PREFIX + "/batch/" + jobIdText()), false);
        } else if (kind < 76) {
            check("stop", demo.delete(PREFIX + "/batch/" + jobIdText()), false);
        } else if (kind < 84) {
            String id = hostileCustomerId();
            check("customer", demo.get(PREFIX + "/customers/" + id + (random.nextBoolean() ? "/balance" : "")), false);
        } else if (kind < 90) {
            check("keys", demo.as(pick(KEYS), pick(KEYS)).get(PREFIX + "/batch/" + jobIdText()), false);
        } else if (kind < 95) {
            String method = pick(METHODS);
            Response response = demo.send(method, pick(PATHS), pick(BODIES), headers());
            if (method.equals("HEAD")) {
                count("path", response.status()); // no body to judge
            } else {
                check("path", response, false);
            }
        } else {
            raw();
        }
    }

    // ---- what is sent -------------------------------------------------------------------------------------------

    private static final List<String> KEYS =
            Arrays.asList(null, "", "demo-api-key", "demo-secret-key", "x".repeat(300), "globex-key", "nobody");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
    private static final List<String> PATHS = List.of(
            "/",
            "/error",
            "/actuator/health",
            "/api",
            "/api/v5/integrations/batch/customers",
            PREFIX,
            PREFIX + "/batch",
            PREFIX + "/batch/",
            PREFIX + "//batch/customers",
            PREFIX + "/batch/customers/",
            PREFIX + "/batch/customers/extra",
            PREFIX + "/batch/%2e%2e/customers",
            PREFIX + "/batch/customers%2F..",
            PREFIX + "/batch/customers;jsessionid=1",
            PREFIX + "/customers",
            PREFIX + "/customers/",
            "/api/v4/integrations/batch/orders",
            "/api/v4.1/integrations/batch/events");
    private static final List<String> BODIES = List.of("", "{}", "{\"body\": []}", "null", "{\"body\": [{}]}");

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        switch (random.nextInt(8)) {
            case 0 ->
                headers.put(
                        "Content-Type",
                        pick(List.of(
                                "text/plain",
                                "application/xml",
                                "multipart/form-data",
                                "application/json; charset=latin1",
                                "application/x-www-form-urlencoded",
                                "*/*")));
            case 1 -> headers.put("Accept", pick(List.of("text/html", "application/xml", "image/png", "*/*")));
            case 2 ->
                headers.put(
                        "Idempotency-Key",
                        pick(List.of(
                                "k", "x".repeat(255), "x".repeat(256), "\u00e9t\u00e9", "key-" + random.nextInt(40))));
            case 3 -> headers.put("X-Request-Id", pick(List.of("../../etc", "x".repeat(100), "ok-id", "<script>")));
            default -> {}
        }
        return headers;
    }

    private String jobIdText() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 ->
                acceptedJobs.isEmpty() ? "1" : Long.toString(acceptedJobs.get(random.nextInt(acceptedJobs.size())));
            case 3 -> neighbours.isEmpty() ? "2" : Long.toString(pick(new ArrayList<>(neighbours.keySet())));
            default ->
                pick(List.of(
                        "-1",
                        "0",
                        "99999999999999999999",
                        "1e3",
                        "abc",
                        "%00",
                        "1%20",
                        "%E2%82%AC",
                        "9007199254740993",
                        "4503599627370496",
                        "0x10",
                        "١٢٣",
                        "customers"));
        };
    }

    private String hostileCustomerId() {
        return pick(List.of(
                "alice",
                "%00",
                "a%00b",
                "%F0%9F%98%80",
                "%ED%A0%80",
                "x".repeat(150),
                "%20%20",
                "..%2F..%2Fetc",
                "%2e%2e",
                "caf%C3%A9",
                "nobody-" + random.nextInt(1000),
                "1;x"));
    }

    private String hostileBody() {
        return pick(List.of(
                "",
                "{",
                "[]",
                "null",
                "\"body\"",
                "{\"body\": null}",
                "{\"body\": {}}",
                "{\"body\": \"x\"}",
                "{\"body\": []}",
                "{\"body\": [1, \"two\", null, true, []]}",
                "{\"body\": [{}], \"body\": [{}]}",
                "{\"body\": [{}]} trailing",
                "\uFEFF{\"body\": [{\"customerId\": \"bom\"}]}",
                "{\"body\": " + "[".repeat(80) + "]".repeat(80) + "}",
                "{\"body\": [" + "{\"customerId\": \"many\"},".repeat(1000) + "{}]}",
                "{\"body\": [{\"customerId\": \"c\"}], \"extra\": 1e999999999}"));
    }

    /** 1 to 5 items of one type, each a valid item with one field made hostile, or left valid. */
    private String hostileBatch() {
        int count = 1 + random.nextInt(5);
        StringBuilder body = new StringBuilder("{\"body\": [");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ", ").append(hostileItem());
        }
        return body.append("]}").toString();
    }

    private String hostileItem() {
        Map<String, String> item = validItem();
        if (random.nextInt(10) == 0) {
            return json(item);
        }
        List<String> fields = new ArrayList<>(item.keySet());
        fields.addAll(
                List.of("unknownField", "customerAttributes", "custom", "lineItems", "events", "points", "amount"));
        String field = pick(fields);
        int how = random.nextInt(10);
        if (how == 0) {
            item.remove(field);
            return json(item);
        }
        if (how == 1) {
            return json(item).replaceFirst("\\{", "{\"" + field + "\": " + hostileValue() + ", ");
        }
        item.put(field, hostileValue());
        return json(item);
    }

    private Map<String, String> validItem() {
        String id = "\"h-" + random.nextInt(300) + "\"";
        String time = "\"2026-11-0" + (1 + random.nextInt(9)) + "T10:00:00Z\"";
        Map<String, String> item = new LinkedHashMap<>();
        item.put("customerId", id);
        int n = random.nextInt(1_000_000);
        switch (random.nextInt(7)) {
            case 0 -> {
                item.put("email", "\"" + PII + n + "@example.com\"");
                item.put("mobile", "\"+20 55 " + PII.length() + " 1990 77\"");
                item.put("customerAttributes", "{\"displayName\": \"Name " + PII + "\", \"custom\": {\"k\": 1}}");
            }
            case 1 -> {
                item.put("orderId", "\"o-" + n + "\"");
                item.put("orderDate", time);
                item.put("totalPaid", "12.50");
                item.put("lineItems", "[{\"sku\": \"s\", \"quantity\": 2}]");
            }
            case 2 -> item.put("amount", Integer.toString(random.nextInt(50) - 20));
            case 3 -> {
                item.put("transactionId", "\"t-" + n + "\"");
                item.put("transactionTime", time);
                item.put("amount", "4.50");
            }
            case 4 -> {
                item.put("transactionId", "\"r-" + n + "\"");
                item.put("transactionTime", time);
                item.put("points", Integer.toString(1 + random.nextInt(5)));
            }
            case 5 -> item.put("events", "{\"open\": {\"by\": \"" + PII + "\"}, \"buy\": null}");
            default -> {}
        }
        return item;
    }

    private String hostileValue() {
        return switch (random.nextInt(6)) {
            case 0 ->
                pick(List.of(
                        "\"\\u0000\"",
                        "\"a\\u0000b\"",
                        "\"\\ud800\"",
                        "\"x\\udfff\"",
                        "\"\\udbff\\udfff\"",
                        "\"\uD83D\uDE00\"",
                        "\"\u202e\"",
                        "\"\"",
                        "\"   \"",
                        "\"" + PII + "\\u0000@example.com\""));
            case 1 ->
                pick(List.of(
                        "1e999999999",
                        "-1e999999999",
                        "1e-999999999",
                        "1e99999999999",
                        "123456789012345678901234567890123456789012345",
                        "0.000000000000000000000000000000001",
                        "-0",
                        "1.005",
                        "9223372036854775808",
                        "-9223372036854775808",
                        "1000000000001",
                        "-1000000000001",
                        "\"12.5\"",
                        "\"1e400\"",
                        "\"NaN\"",
                        "\"Infinity\"",
                        "0",
                        "-5",
                        "3.14"));
            case 2 ->
                pick(List.of(
                        "true",
                        "false",
                        "null",
                        "[]",
                        "{}",
                        "[1, 2, 3]",
                        "{\"a\": {\"b\": {}}}",
                        "[\"x\", {\"y\": null}]",
                        "{\"\\u0000\": 1}",
                        "{\"k\": 1, \"k\": 2}"));
            case 3 ->
                pick(List.of(
                        "\"+999999999-12-31T23:59:59Z\"",
                        "\"0000-01-01\"",
                        "\"2026-02-30\"",
                        "\"2026-11-01T25:00:00Z\"",
                        "\"1969-12-31T23:59:59Z\"",
                        "\"2026-11-01T10:00:00+18:00\"",
                        "\"2026-11-01\"",
                        "\"10000-01-01\"",
                        "\"yesterday\""));
            case 4 ->
                pick(List.of(
                        "[".repeat(30) + "]".repeat(30),
                        "{\"a\": ".repeat(15) + "1" + "}".repeat(15),
                        "\"" + "x".repeat(300) + "\"",
                        "\"" + "y".repeat(9000) + "\""));
            default -> pick(List.of("\"" + "z".repeat(70_000) + "\"", "\"plain\"", "42", "\"@@\"", "\"a@b\""));
        };
    }

    private void raw() {
        String head = pick(List.of(
                "GET " + PREFIX + "/batch/%zz HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET " + PREFIX + "/batch/caf\u00c3\u00a9 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET " + PREFIX + "/batch/1 HTTP/1.1\r\nHost: x\r\nX-Pad: " + "p".repeat(9000) + "\r\n\r\n",
                "POST " + PREFIX + "/batch/customers HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                "POST " + PREFIX + "/batch/customers HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                "POST " + PREFIX
                        + "/batch/customers HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
                "TRACE " + PREFIX + "/batch/1 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n"));
        RawHttp.Reply reply = RawHttp.exchange(system.gatewayPort(), head, new byte[0], Duration.ofSeconds(20));
        count("raw", reply.answered() ? reply.status() : -1);
        if (!reply.answered()) {
            violations.add("raw request got no answer: " + reply.failure() + " for " + abbreviate(head));
            return;
        }
        verify("raw", reply.status(), reply.headers().get("content-type"), reply.body(), abbreviate(head));
    }

    // ---- what must hold -----------------------------------------------------------------------------------------

    private void check(String kind, Response response, boolean submit) {
        count(kind, response.status());
        verify(kind, response.status(), response.header("content-type").orElse(null), response.body(), kind);
        if (submit && response.status() == 200) {
            acceptedJobs.add(
                    WireCodec.mapper().readTree(response.body()).get("jobId").asLong());
        }
    }

    private void verify(String kind, int status, String contentType, String body, String what) {
        if (status >= 500) {
            violations.add(kind + " answered " + status + ": " + abbreviate(body));
        }
        if (body.contains("<html") || body.contains("Exception") || body.contains("\tat ")) {
            violations.add(kind + " answered with HTML or a stack trace: " + abbreviate(body));
        }
        if (status < 400) {
            return;
        }
        if (contentType == null || !contentType.startsWith("application/json")) {
            violations.add(kind + " error " + status + " is not JSON (" + contentType + "): " + abbreviate(body));
            return;
        }
        try {
            JsonNode envelope = WireCodec.mapper().readTree(body);
            int code = envelope.get("code").asInt();
            ErrorCode known = Arrays.stream(ErrorCode.values())
                    .filter(c -> c.code() == code)
                    .findFirst()
                    .orElseThrow();
            if (!known.type().equals(envelope.get("type").asString())
                    || envelope.get("message").asString().isBlank()
                    || !envelope.has("requestId")) {
                violations.add(kind + " error envelope is incomplete: " + abbreviate(body));
            }
        } catch (RuntimeException e) {
            violations.add(kind + " error " + status + " is not the envelope: " + abbreviate(body));
        }
    }

    private void submitNeighbour(BatchApiClient other, int round) {
        StringBuilder body = new StringBuilder("{\"body\": [");
        for (int i = 0; i < 20; i++) {
            body.append(i == 0 ? "" : ", ")
                    .append("{\"customerId\": \"n-")
                    .append(i)
                    .append("\", \"email\": \"")
                    .append(PII)
                    .append(round)
                    .append("@example.com\"}");
        }
        Response response = other.submit("customers", body.append("]}").toString());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        neighbours.put(WireCodec.mapper().readTree(response.body()).get("jobId").asLong(), System.nanoTime());
    }

    private void checkNeighbours(BatchApiClient other) {
        for (Long jobId : neighbours.keySet()) {
            if (neighboursDone.containsKey(jobId)) {
                continue;
            }
            JsonNode status = WireCodec.mapper().readTree(other.status(jobId).body());
            String state = status.get("status").asString();
            if ("completed".equals(state)) {
                neighboursDone.put(jobId, System.nanoTime());
                if (status.get("finishedCount").asInt() != 20) {
                    violations.add("neighbour job " + jobId + " has failed items: " + status);
                }
            } else if (!"queued".equals(state) && !"running".equals(state)) {
                neighboursDone.put(jobId, System.nanoTime());
                violations.add("neighbour job " + jobId + " ended " + state);
            }
        }
    }

    private static boolean isTerminal(BatchApiClient api, long jobId) {
        String status = WireCodec.mapper()
                .readTree(api.status(jobId).body())
                .get("status")
                .asString();
        return List.of("completed", "failed", "stopped").contains(status);
    }

    private List<String> leaksInLogs() throws IOException {
        List<String> leaks = new ArrayList<>();
        List<Path> logs = new ArrayList<>(system.logFiles());
        logs.add(LocalEngines.shared().postgres().logFile());
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                if (line.contains(PII) || line.contains("demo-secret-key") || line.contains(OTHER_SECRET)) {
                    leaks.add(log.getFileName() + ": " + abbreviate(line));
                }
            }
        }
        return leaks;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void count(String kind, int status) {
        counts.merge(kind + ":" + (status < 0 ? "none" : status / 100 + "xx"), 1, Integer::sum);
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String json(Map<String, String> item) {
        StringBuilder json = new StringBuilder("{");
        item.forEach((key, value) -> json.append(json.length() == 1 ? "" : ", ")
                .append('"')
                .append(key)
                .append("\": ")
                .append(value));
        return json.append('}').toString();
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
