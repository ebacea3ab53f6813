package io.loyaltybatch.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import io.loyaltybatch.model.WireCodec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import tools.jackson.databind.JsonNode;

/**
 * Jobs of 1,000 items of mixed kinds for 1,000 customers of one scenario, submitted in an order whose outcome is
 * known item by item: customers first, then per round orders, cashback, adjustments, events and redemptions, all
 * of which succeed. Keeps the expected balance of every customer.
 */
final class Workload {

    static final int ITEMS = 1000;
    /** The items of one {@link #submitRound() round}: five jobs. */
    static final int ROUND_ITEMS = 5 * ITEMS;

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
     * Per job: the status document's counters (finished, errors, cancelled, items, completed as 1), by job id.
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
            counters.put(job.jobId(), counts(WireCodec.mapper().readTree(read.body())));
        }
        return counters;
    }

    /**
     * The same counters as {@link #counters()}, read from the job listing: one request for every job, none of their
     * per-item results, so that watching a scenario's progress costs the gateway almost nothing.
     *
     * @throws IllegalStateException if the listing cannot be read now, or misses a job of the workload
     */
    Map<Long, int[]> progress() {
        Map<Long, int[]> listed = new HashMap<>();
        String cursor = null;
        do {
            Response page = api.get(BatchApiClient.PREFIX + "/batch?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            if (page.status() != 200) {
                throw new IllegalStateException("job listing unreadable: " + page.body());
            }
            JsonNode body = WireCodec.mapper().readTree(page.body());
            body.get("jobs").forEach(job -> listed.put(job.get("jobId").asLong(), counts(job)));
            cursor = body.get("nextCursor").isNull()
                    ? null
                    : body.get("nextCursor").asString();
        } while (cursor != null && !jobs.stream().allMatch(job -> listed.containsKey(job.jobId())));
        Map<Long, int[]> progress = new LinkedHashMap<>();
        for (Job job : jobs) {
            int[] counts = listed.get(job.jobId());
            if (counts == null) {
                throw new IllegalStateException("job " + job.jobId() + " is not listed");
            }
            progress.put(job.jobId(), counts);
        }
        return progress;
    }

    private static int[] counts(JsonNode status) {
        return new int[] {
            status.get("finishedCount").asInt(),
            status.get("errorCount").asInt(),
            status.get("cancelledCount").asInt(),
            status.get("itemCount").asInt(),
            status.get("status").asString().equals("completed") ? 1 : 0
        };
    }

    /** Items processed so far, over all jobs. */
    int processed() {
        return progress().values().stream().mapToInt(c -> c[0] + c[1]).sum();
    }
}
