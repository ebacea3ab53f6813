package io.loyaltybatch.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.model.WireCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./run.sh --workers 3}, as a user runs it (the launcher jar against this checkout's app jars, its own engines
 * and data folder), then {@code ./run.sh --add-worker} from a second process while jobs are queued.
 */
class LocalClusterIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern WORKER_PORT =
            Pattern.compile("Worker \\d+: health and metrics on http://localhost:(\\d+)");
    /** Jobs of 1,000 items kept submitted and unfinished while the fourth worker starts. */
    private static final int BACKLOG = 6;
    /** The apps' log files roll over at this size: the gateway's start-up alone (about 7 KB) fills one. */
    private static final int LOG_FILE_BYTES = 4 * 1024;

    @TempDir
    Path data;

    private LocalStackLauncher stack;

    @AfterEach
    void stop() throws InterruptedException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void threeWorkersEachOwnPartitionsAndAFourthAddedMidJobTakesSomeWithNothingLostOrDoubled() throws Exception {
        stack = new LocalStackLauncher(data)
                // small polls on one consumer thread per worker: the jobs queue up faster than three workers apply
                // them
                .withEnv("SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "20")
                .withEnv("SPRING_KAFKA_LISTENER_CONCURRENCY", "1")
                // small log files, so that the run's own lines roll them over
                .withEnv("LOGGING_LOGBACK_ROLLINGPOLICY_MAX_FILE_SIZE", LOG_FILE_BYTES / 1024 + "KB");
        int gateway = stack.gatewayPort();
        int postgres = stack.port("LOCAL_POSTGRES_PORT");
        stack.start("stack.out", LocalStackLauncher.READY, Duration.ofMinutes(5), "--workers", "3");
        List<Integer> workers = new ArrayList<>(List.of(stack.port("WORKER_SERVER_PORT")));
        Matcher ports = WORKER_PORT.matcher(stack.output("stack.out"));
        while (ports.find()) {
            workers.add(Integer.parseInt(ports.group(1)));
        }
        assertThat(workers).hasSize(3);
        // all three hold partitions, and together all 12, once the group has settled
        await().atMost(Duration.ofMinutes(2))
                .until(() -> workers.stream().allMatch(port -> assignedPartitions(port) > 0)
                        && workers.stream()
                                        .mapToDouble(LocalClusterIT::assignedPartitions)
                                        .sum()
                                == 12);

        BatchApiClient api = new BatchApiClient("http://127.0.0.1:" + gateway, "demo-api-key", "demo-secret-key");
        String prefix = "cluster-" + UUID.randomUUID();
        List<Long> jobs = new CopyOnWriteArrayList<>();
        AtomicBoolean submitting = new AtomicBoolean(true);
        // jobs keep coming until the fourth worker holds partitions, so it joins while items are queued; the backlog
        // is kept at BACKLOG jobs (their items spread over every partition, so the oldest ends about first), and so
        // drains soon after
        List<String> refused = new CopyOnWriteArrayList<>();
        AtomicInteger ended = new AtomicInteger();
        Thread submitter = new Thread(() -> {
            while (submitting.get() && jobs.size() < 120 && refused.isEmpty()) {
                if (jobs.size() - ended.get() >= BACKLOG) {
                    try {
                        await().atMost(Duration.ofMinutes(2)).until(() -> completed(api, jobs.get(ended.get())));
                    } catch (ConditionTimeoutException e) {
                        refused.add("job " + jobs.get(ended.get()) + " did not complete within 2 minutes");
                    }
                    ended.incrementAndGet();
                    continue;
                }
                BatchApiClient.Response response = api.submit("customers", customers(prefix + "-" + jobs.size(), 1000));
                if (response.status() == 200) {
                    jobs.add(WireCodec.mapper()
                            .readTree(response.body())
                            .get("jobId")
                            .asLong());
                } else {
                    refused.add(response.status() + " " + response.body());
                }
            }
        });
        submitter.start();
        await().atMost(Duration.ofMinutes(1)).until(() -> jobs.size() >= BACKLOG);

        stack.start("added.out", LocalStackLauncher.ADDED_PORT, Duration.ofMinutes(3), "--add-worker");
        int fourth = stack.printedPort("added.out", LocalStackLauncher.ADDED_PORT);
        try {
            // "started" is printed as the JVM is launched: this wait holds its whole start-up, slow on a busy machine
            await().atMost(Duration.ofMinutes(4)).until(() -> assignedPartitions(fourth) > 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "the added worker took no partition within 4 minutes; its log ends with:\n"
                            + tailOfLogs("worker-added-"),
                    e);
        }
        long unfinished = jobs.stream().filter(job -> !completed(api, job)).count();
        submitting.set(false);
        submitter.join(Duration.ofMinutes(1).toMillis());
        assertThat(refused).isEmpty();
        assertThat(unfinished)
                .as("jobs still running when the fourth worker took partitions")
                .isPositive();
        await().atMost(Duration.ofMinutes(1))
                .until(() -> workers.stream()
                                        .mapToDouble(LocalClusterIT::assignedPartitions)
                                        .sum()
                                + assignedPartitions(fourth)
                        == 12);

        await().atMost(Duration.ofMinutes(4)).until(() -> jobs.stream().allMatch(job -> completed(api, job)));
        for (long job : jobs) {
            assertThat(WireCodec.mapper()
                            .readTree(api.status(job).body())
                            .get("finishedCount")
                            .asInt())
                    .isEqualTo(1000);
        }
        try (Connection db = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + postgres + "/postgres", "postgres", "postgres");
                PreparedStatement rows = db.prepareStatement(
                        "SELECT count(*), count(DISTINCT customer_id) FROM customers WHERE customer_id LIKE ?")) {
            rows.setString(1, prefix + "-%");
            try (ResultSet counted = rows.executeQuery()) {
                counted.next();
                assertThat(counted.getLong(1)).isEqualTo(jobs.size() * 1000L);
            }
        }
        workers.add(fourth);
        double applied = workers.stream()
                .mapToDouble(port -> metric(
                        port, "loyalty_items_processed_total{code=\"none\",outcome=\"succeeded\",type=\"customers\"}"))
                .sum();
        assertThat(applied).as("each item applied once, by one worker").isEqualTo(jobs.size() * 1000.0);
        assertThat(metric(
                        fourth,
                        "loyalty_items_processed_total{code=\"none\",outcome=\"succeeded\",type=\"customers\"}"))
                .as("the added worker applied some")
                .isPositive();

        // each app writes its own log in the data folder and rolls it over; its console holds no log line
        Path logs = stack.logs();
        try (var files = Files.list(logs)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .contains("gateway.log", "worker.log", "worker-2.log", "worker-3.log")
                    .anyMatch(name -> name.matches("gateway\\.log\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.gz"));
        }
        assertThat(Files.size(logs.resolve("gateway.log"))).isLessThan(4 * LOG_FILE_BYTES);
        assertThat(Files.size(logs.resolve("gateway.log"))).isPositive();
        assertThat(Files.readString(logs.resolve("gateway.console.log"))).doesNotContain("Started GatewayApplication");
    }

    /** The last lines of each log file whose name starts with {@code prefix}. */
    private String tailOfLogs(String prefix) throws IOException {
        StringBuilder tails = new StringBuilder();
        try (var files = Files.list(stack.logs())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .toList()) {
                List<String> lines = Files.readAllLines(file);
                tails.append("== ").append(file.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 60), lines.size())
                        .forEach(line -> tails.append(line).append('\n'));
            }
        }
        return tails.toString();
    }

    private static boolean completed(BatchApiClient api, long job) {
        return "completed"
                .equals(WireCodec.mapper()
                        .readTree(api.status(job).body())
                        .get("status")
                        .asString());
    }

    private static String customers(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"customerId\": \"" + prefix + "-" + i + "\"}")
                .collect(Collectors.joining(",", "{\"body\": [", "]}"));
    }

    /** Partitions of the items topic the worker's consumers hold now, from its Kafka client metrics. */
    private static double assignedPartitions(int port) {
        String metrics = scrape(port);
        Matcher values = Pattern.compile("(?m)^kafka_consumer_coordinator_assigned_partitions\\{[^}]*} (\\S+)$")
                .matcher(metrics);
        double sum = 0;
        while (values.find()) {
            sum += Double.parseDouble(values.group(1));
        }
        return sum;
    }

    private static double metric(int port, String series) {
        Matcher value =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape(port));
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static String scrape(int port) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
