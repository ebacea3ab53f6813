package io.loyaltybatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import io.loyaltybatch.model.WireCodec;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A loyalty program run through the batch API alone: several jobs of every kind across several customers, each
 * POST sent as soon as the previous one returned, checked against balances computed here.
 * The demo tenant runs on the default program: 1 point per 1.00, a point is worth 0.01, no return window.
 * Each subclass runs the scenarios on engines of its own kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LoyaltyScenarios {

    protected AppProcesses system;
    protected BatchApiClient api;

    /** The gateway and worker processes, not yet started, on the engines of this run. */
    abstract AppProcesses system();

    @BeforeAll
    void start() {
        system = system();
        system.startGateway(Duration.ofSeconds(90));
        // small polls and one consumer thread keep a 1,000-item job running long enough to stop it mid-way
        system.startWorker(
                "scenario-worker",
                Map.of("SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "20", "SPRING_KAFKA_LISTENER_CONCURRENCY", "1"),
                "Started WorkerApplication",
                Duration.ofSeconds(90));
        api = system.demoClient();
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    static JsonNode json(Response response) {
        return WireCodec.mapper().readTree(response.body());
    }

    long submit(String type, String items) {
        Response response = api.submit(type, "{\"body\": [" + items + "]}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json(response).get("jobId").asLong();
    }

    JsonNode finished(long jobId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String status = json(api.status(jobId)).get("status").asString();
            return status.equals("completed") || status.equals("failed");
        });
        return json(api.status(jobId));
    }

    /** Per item index: the success message, or the error code. */
    static List<String> outcomes(JsonNode job) {
        String[] outcomes = new String[job.get("itemCount").asInt()];
        job.get("response")
                .get("successful")
                .forEach(
                        e -> outcomes[e.get("index").asInt()] = e.get("message").asString());
        job.get("response")
                .get("failed")
                .forEach(e -> outcomes[e.get("index").asInt()] = e.get("code").asString());
        return List.of(outcomes);
    }

    static JsonNode entry(JsonNode job, int index) {
        for (JsonNode e : job.get("response").get("successful")) {
            if (e.get("index").asInt() == index) {
                return e;
            }
        }
        throw new AssertionError("no successful entry " + index);
    }

    static String order(String customer, String orderId, String totalPaid) {
        return "{\"customerId\": \"" + customer + "\", \"orderId\": \"" + orderId + "\", \"orderDate\": "
                + "\"2026-11-01T10:00:00Z\", \"totalPaid\": " + totalPaid + "}";
    }

    static String transaction(String customer, String transactionId, String field, String value) {
        return "{\"customerId\": \"" + customer + "\", \"transactionId\": \"" + transactionId + "\", "
                + "\"transactionTime\": \"2026-11-02T10:00:00Z\", \"" + field + "\": " + value + "}";
    }

    static String adjust(String customer, long amount) {
        return "{\"customerId\": \"" + customer + "\", \"amount\": " + amount + ", \"reason\": \"goodwill\"}";
    }

    static String only(String customer) {
        return "{\"customerId\": \"" + customer + "\"}";
    }

    @Test
    void mixedJobsEndWithTheBalancesComputedIndependently() throws SQLException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "ann-" + run;
        String b = "bob-" + run;
        String c = "cat-" + run;
        String d = "dan-" + run;

        List<Long> jobs = new ArrayList<>();
        jobs.add(submit("customers", only(a) + "," + only(b)));
        jobs.add(submit(
                "orders",
                String.join(
                        ",",
                        order(a, "o1-" + run, "120.50"),
                        order(b, "o2-" + run, "80.99"),
                        order(c, "o3-" + run, "10"),
                        order(a, "o4-" + run, "33.33"),
                        order(a, "o1-" + run, "5"))));
        jobs.add(submit(
                "cashback",
                String.join(
                        ",",
                        transaction(a, "cb1-" + run, "amount", "15.00"),
                        transaction(b, "cb2-" + run, "amount", "7.77"),
                        transaction(b, "cb2-" + run, "amount", "1"))));
        jobs.add(submit(
                "balance-adjustment", String.join(",", adjust(a, 50), adjust(b, -100), adjust(c, -5), adjust(d, 10))));
        jobs.add(submit(
                "redeem",
                String.join(
                        ",",
                        transaction(a, "r1-" + run, "points", "100"),
                        transaction(b, "r2-" + run, "amount", "0.51"),
                        transaction(c, "r3-" + run, "points", "6"),
                        transaction(a, "r4-" + run, "points", "1000"))));
        jobs.add(submit("balance-inquiry", String.join(",", only(a), only(b), only(c), only(d))));
        jobs.add(submit(
                "events",
                "{\"customerId\": \"" + a + "\", \"events\": {\"login\": {}, \"purchase\": "
                        + "{\"channel\": \"web\"}}}," + "{\"customerId\": \"" + d
                        + "\", \"events\": {\"signup\": {}}}"));

        List<JsonNode> done = jobs.stream().map(this::finished).toList();

        assertThat(outcomes(done.get(1)))
                .containsExactly(
                        "Order tracked successfully",
                        "Order tracked successfully",
                        "Order tracked successfully",
                        "Order tracked successfully",
                        "9004");
        assertThat(entry(done.get(1), 0).get("rewardedPoints").asLong()).isEqualTo(120);
        assertThat(outcomes(done.get(2)))
                .containsExactly("Cashback rewarded successfully", "Cashback rewarded successfully", "9004");
        assertThat(outcomes(done.get(3)))
                .containsExactly("Balance adjusted successfully", "9008", "Balance adjusted successfully", "7000");
        assertThat(outcomes(done.get(4)))
                .containsExactly("Points redeemed successfully", "Points redeemed successfully", "9008", "9008");
        assertThat(entry(done.get(4), 1).get("redeemEquivalentPoints").asLong()).isEqualTo(51);
        assertThat(outcomes(done.get(5)))
                .containsExactly(
                        "Balance retrieved successfully",
                        "Balance retrieved successfully",
                        "Balance retrieved successfully",
                        "7000");
        assertThat(outcomes(done.get(6))).containsExactly("Events tracked successfully", "Events tracked successfully");

        long annExpected = 120 + 33 + 15 + 50 - 100;
        long bobExpected = 80 + 7 - 51;
        long catExpected = 10 - 5;
        assertThat(entry(done.get(5), 0).get("availablePointsBalance").asLong()).isEqualTo(annExpected);
        assertThat(entry(done.get(5), 1).get("availablePointsBalance").asLong()).isEqualTo(bobExpected);
        assertThat(entry(done.get(5), 2).get("totalEarnedPoints").asLong()).isEqualTo(10);
        Map<String, Long> expected = Map.of(a, annExpected, b, bobExpected, c, catExpected, d, 0L);
        for (Map.Entry<String, Long> customer : expected.entrySet()) {
            JsonNode balance = json(api.get(BatchApiClient.PREFIX + "/customers/" + customer.getKey() + "/balance"));
            assertThat(balance.get("availablePointsBalance").asLong())
                    .as(customer.getKey())
                    .isEqualTo(customer.getValue());
            assertThat(balance.get("pendingPoints").asLong()).isZero();
            assertThat(ledgerSum(customer.getKey()))
                    .as("ledger of " + customer.getKey())
                    .isEqualTo(customer.getValue());
        }
        assertThat(json(api.get(BatchApiClient.PREFIX + "/customers/" + a + "/balance"))
                        .get("availablePointsValue")
                        .decimalValue())
                .isEqualByComparingTo("1.18");
    }

    @Test
    void createEarnAndRedeemSubmittedBackToBackApplyInOrder() {
        String customer = "order-" + UUID.randomUUID();

        long create = submit("customers", only(customer));
        long earn = submit("orders", order(customer, "earn-" + customer, "100"));
        long spend = submit("redeem", transaction(customer, "spend-" + customer, "points", "100"));

        assertThat(finished(create).get("status").asString()).isEqualTo("completed");
        assertThat(outcomes(finished(earn))).containsExactly("Order tracked successfully");
        assertThat(outcomes(finished(spend))).containsExactly("Points redeemed successfully");
    }

    @Test
    void itemsOfOneCustomerInOneBodyApplyInSubmissionOrder() {
        String customer = "body-" + UUID.randomUUID();
        long earn = submit(
                "orders",
                order(customer, "first-" + customer, "10") + "," + order(customer, "second-" + customer, "5"));
        long adjust = submit(
                "balance-adjustment",
                String.join(
                        ",", adjust(customer, -16), adjust(customer, 1), adjust(customer, -16), adjust(customer, -1)));

        assertThat(outcomes(finished(earn))).containsOnly("Order tracked successfully");
        JsonNode adjusted = finished(adjust);
        assertThat(outcomes(adjusted))
                .containsExactly("9008", "Balance adjusted successfully", "Balance adjusted successfully", "9008");
        assertThat(entry(adjusted, 2).get("availablePointsBalance").asLong()).isZero();
    }

    @Test
    void stoppingARunningJobAppliesNothingAfterTheAnswer() throws SQLException {
        String prefix = "stop-" + UUID.randomUUID() + "-";
        String items = IntStream.range(0, 1000)
                .mapToObj(i -> "{\"customerId\": \"" + prefix + i + "\", \"email\": \"s" + i + "@example.com\"}")
                .collect(Collectors.joining(","));
        long jobId = submit("customers", items);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> json(api.status(jobId)).get("finishedCount").asInt() > 0);

        Response stop = api.stop(jobId);
        assertThat(stop.status()).as(stop.body()).isEqualTo(200);
        JsonNode atStop = json(api.status(jobId));
        assertThat(atStop.get("status").asString()).isEqualTo("stopped");
        int cancelled = atStop.get("cancelledCount").asInt();
        assertThat(cancelled).isPositive();

        // items that had started before the answer may still land; then the counts add up and stay put
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode s = json(api.status(jobId));
            assertThat(s.get("totalCount").asInt() + s.get("cancelledCount").asInt())
                    .as(
                            "status %s, total %d, finished %d, errors %d, cancelled %d, ledger records %d",
                            s.get("status").asString(),
                            s.get("totalCount").asInt(),
                            s.get("finishedCount").asInt(),
                            s.get("errorCount").asInt(),
                            s.get("cancelledCount").asInt(),
                            count("SELECT count(*) FROM processed_items WHERE job_id = ?", jobId))
                    .isEqualTo(1000);
        });
        JsonNode settled = json(api.status(jobId));
        int finished = settled.get("finishedCount").asInt();
        assertThat(settled.get("cancelledCount").asInt()).isEqualTo(cancelled);
        assertThat(settled.get("response").get("successful")).hasSize(finished);
        assertThat(count("SELECT count(*) FROM processed_items WHERE job_id = ?", jobId))
                .isEqualTo(finished);
        assertThat(api.stop(jobId).status()).isEqualTo(200);

        // a later job on the same customers runs to its end, so every partition has moved past the stopped job
        long after = submit("customers", items);
        assertThat(finished(after).get("finishedCount").asInt()).isEqualTo(1000);
        assertThat(count("SELECT count(*) FROM processed_items WHERE job_id = ?", jobId))
                .isEqualTo(finished);
        assertThat(count(
                        "SELECT count(*) FROM customers WHERE tenant_id = 'demo' AND customer_id LIKE ?", prefix + "%"))
                .isEqualTo(1000);
    }

    private static long count(String sql, Object parameter) throws SQLException {
        return SharedDatabase.number(sql, statement -> statement.setObject(1, parameter));
    }

    static long ledgerSum(String customer) throws SQLException {
        return count(
                "SELECT COALESCE(sum(points), 0) FROM points_ledger WHERE tenant_id = 'demo' AND customer_id = ?",
                customer);
    }
}
