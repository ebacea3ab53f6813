package io.loyaltybatch.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import io.loyaltybatch.model.WireCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Jobs of 1,000 items of mixed kinds for 1,000 customers of one scenario, submitted in an order whose outcome is
 * known item by item: customers first, then per round orders, cashback, adjustments, events and redemptions, all
 * of which succeed. Keeps the expected balance of every customer.
 */
final class Workload {

    static final int ITEMS = 1000;

    /** A submitted job and the table that holds one row per item of it. */
    record Job(long jobId, String type, String effectTable) {}

    private final String prefix;
    private final BatchApiClient api;
    private final List<Job> jobs = new ArrayList<>();
    private final Map<String, Long> expectedBalance = new HashMap<>();
    private int rounds;

    Workload(String prefix, BatchApiClient api) {
        this.prefix = prefix;
        this.api = api;
    }

    String customer(int i) {
        return prefix + "-c" + i;
    }

    List<Job> jobs() {
        return List.copyOf(jobs);
    }

    int items() {
        return jobs.size() * ITEMS;
    }

    Map<String, Long> expectedBalances() {
        return Map.copyOf(expectedBalance);
    }

    Workload submitCustomers() {
        submit(
                "customers",
                null,
                i -> "{\"customerId\": \"" + customer(i) + "\", \"email\": \"u" + i
                        + "@example.com\", \"customerAttributes\": {\"displayName\": \"User " + i + "\"}}");
        for (int i = 0; i < ITEMS; i++) {
            expectedBalance.put(customer(i), 0L);
        }
        return this;
    }

    /** One round: 5 jobs of 1,000 items, each kind after the last for every customer. */
    Workload submitRound() {
        int round = ++rounds;
        String time = "\"2026-11-0" + (1 + round % 9) + "T10:00:00Z\"";
        submit(
                "orders",
                "orders",
                i -> "{\"customerId\": \"" + customer(i) + "\", \"orderId\": \"" + prefix + "-o" + round + "-" + i
                        + "\", \"orderDate\": " + time + ", \"totalPaid\": " + (10 + i % 7) + ".99}");
        submit(
                "cashback",
                "point_transactions",
                i -> "{\"customerId\": \"" + customer(i) + "\", \"transactionId\": \"" + prefix + "-cb" + round + "-"
                        + i + "\", \"transactionTime\": " + time + ", \"amount\": 4.50}");
        submit("balance-adjustment", "points_ledger", i -> "{\"customerId\": \"" + customer(i) + "\", \"amount\": 5}");
        submit(
                "events",
                "customer_events",
                i -> "{\"customerId\": \"" + customer(i) + "\", \"events\": {\"visit\": {\"round\": " + round + "}}}");
        submit(
                "redeem",
                "point_transactions",
                i -> "{\"customerId\": \"" + customer(i) + "\", \"transactionId\": \"" + prefix + "-r" + round + "-" + i
                        + "\", \"transactionTime\": " + time + ", \"points\": 7}");
        for (int i = 0; i < ITEMS; i++) {
            expectedBalance.merge(customer(i), (long) (10 + i % 7) + 4 + 5 - 7, Long::sum);
        }
        return this;
    }

    /** Points a scenario adds outside the workload's own jobs. */
    void expectEarned(String customer, long points) {
        expectedBalance.merge(customer, points, Long::sum);
    }

    private void submit(String type, String effectTable, IntFunction<String> item) {
        String body = IntStream.range(0, ITEMS).mapToObj(item).collect(Collectors.joining(",", "{\"body\": [", "]}"));
        Response response = api.submit(type, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        jobs.add(new Job(
                WireCodec.mapper().readTree(response.body()).get("jobId").asLong(), type, effectTable));
    }

    /**
     * Per job: the status document's counters, by job id.
     *
     * @throws IllegalStateException if a status cannot be read now (the gateway answers 503 while Redis reconnects)
     */
    Map<Long, int[]> counters() {
        Map<Long, int[]> counters = new LinkedHashMap<>();
        for (Job job : jobs) {
            Response read = api.status(job.jobId());
            if (read.status() != 200) {
                throw new IllegalStateException("status of job " + job.jobId() + " unreadable: " + read.body());
            }
            var status = WireCodec.mapper().readTree(read.body());
            counters.put(job.jobId(), new int[] {
                status.get("finishedCount").asInt(),
                status.get("errorCount").asInt(),
                status.get("cancelledCount").asInt(),
                status.get("itemCount").asInt(),
                status.get("status").asString().equals("completed") ? 1 : 0
            });
        }
        return counters;
    }

    /** Items processed so far, over all jobs. */
    int processed() {
        return counters().values().stream().mapToInt(c -> c[0] + c[1]).sum();
    }
}
