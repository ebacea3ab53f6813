package io.loyaltybatch.localstack;

import io.loyaltybatch.engines.BatchApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A load benchmark against a running gateway (by default the one {@code ./run.sh} starts): submits {@code jobs}
 * customer jobs of 1,000 items one after another, waits until all are terminal, and prints submit latency and
 * end-to-end throughput. Stops by itself; loopback only unless told otherwise.
 *
 * <pre>java -cp local-stack/target/local-stack.jar io.loyaltybatch.localstack.LoadBench [jobs] [baseUrl]</pre>
 */
public final class LoadBench {

    private static final int ITEMS = 1000;
    private static final Pattern JOB_ID = Pattern.compile("\"jobId\":(\\d+)");
    private static final Pattern TERMINAL = Pattern.compile("\"status\":\"(completed|failed|stopped)\"");

    private LoadBench() {}

    public static void main(String[] args) throws InterruptedException {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String baseUrl = args.length > 1 ? args[1] : "http://localhost:8080";
        BatchApiClient api = new BatchApiClient(baseUrl, "demo-api-key", "demo-secret-key");
        String run = Long.toString(System.currentTimeMillis(), 36);

        long start = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        List<Long> latencies = new ArrayList<>();
        for (int job = 0; job < jobs; job++) {
            String body = body(run, job);
            long sent = System.nanoTime();
            BatchApiClient.Response response = api.submit("customers", body);
            latencies.add(System.nanoTime() - sent);
            Matcher id = JOB_ID.matcher(response.body());
            if (response.status() != 200 || !id.find()) {
                throw new IllegalStateException("submit failed: " + response.status() + " " + response.body());
            }
            ids.add(Long.parseLong(id.group(1)));
        }
        long submitted = System.nanoTime();
        List<Long> pending = new ArrayList<>(ids);
        long deadline = submitted + 600_000_000_000L;
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(jobId -> TERMINAL.matcher(api.status(jobId).body()).find());
            if (!pending.isEmpty()) {
                Thread.sleep(50);
            }
        }
        long done = System.nanoTime();
        latencies.sort(null);
        System.out.printf(
                Locale.ROOT,
                "jobs=%d items=%d submit=%.2fs (p50 %.0f ms, max %.0f ms per 1,000-item POST) drain=%.2fs "
                        + "total=%.2fs -> %.0f items/s end to end%s%n",
                jobs,
                jobs * ITEMS,
                (submitted - start) / 1e9,
                latencies.get(latencies.size() / 2) / 1e6,
                latencies.get(latencies.size() - 1) / 1e6,
                (done - submitted) / 1e9,
                (done - start) / 1e9,
                jobs * ITEMS / ((done - start) / 1e9),
                pending.isEmpty() ? "" : " (" + pending.size() + " unfinished)");
    }

    private static String body(String run, int job) {
        return IntStream.range(0, ITEMS)
                .mapToObj(i -> "{\"customerId\": \"bench-" + run + "-" + job + "-" + i + "\", \"email\": \"u" + i
                        + "@example.com\", \"name\": \"User " + i + "\"}")
                .collect(Collectors.joining(",", "{\"body\": [", "]}"));
    }
}
