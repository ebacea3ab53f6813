package io.loyaltybatch.bench;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.model.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Submits prepared requests to the gateway: closed-loop (clients back to back) or open-loop (a fixed rate). */
final class Load {

    /** What a run of submissions measured. */
    record Run(List<Long> jobIds, List<Long> submitNanos, Map<Long, Long> sentNanos, long firstSentNanos) {}

    private final BatchApiClient api;

    Load(BatchApiClient api) {
        this.api = api;
    }

    /** Submits one request and returns its job id. */
    long submit(Workload.Request request) {
        BatchApiClient.Response response = api.submit(request.type(), request.body());
        if (response.status() != 200) {
            throw new IllegalStateException("submit answered " + response.status() + ": " + response.body());
        }
        return WireCodec.mapper().readTree(response.body()).get("jobId").asLong();
    }

    /**
     * {@code clients} threads, each submitting its own list of requests in order, the next as soon as the previous
     * POST was answered.
     */
    Run closedLoop(List<List<Workload.Request>> perClient) throws Exception {
        List<Long> jobIds = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(perClient.size());
        long start = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (List<Workload.Request> requests : perClient) {
                clients.add(pool.submit(() -> {
                    for (Workload.Request request : requests) {
                        long sent = System.nanoTime();
                        long jobId = submit(request);
                        latencies.add(System.nanoTime() - sent);
                        jobIds.add(jobId);
                        sentAt.put(jobId, sent);
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run(List.copyOf(jobIds), List.copyOf(latencies), Map.copyOf(sentAt), start);
    }

    /**
     * Offers {@code jobsPerSecond} jobs for {@code duration}, each POST sent on schedule whatever the previous ones
     * are doing (so latency includes no coordinated omission), from up to 32 threads.
     */
    Run openLoop(List<Workload.Request> requests, double jobsPerSecond, Duration duration) throws Exception {
        int count = (int) Math.min(requests.size(), Math.round(jobsPerSecond * duration.toSeconds()));
        long interval = (long) (1e9 / jobsPerSecond);
        List<Long> jobIds = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        long start = System.nanoTime();
        List<Future<?>> sent = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                Workload.Request request = requests.get(i);
                LockSupport.parkNanos(due - System.nanoTime());
                sent.add(senders.submit(() -> {
                    long jobId = submit(request);
                    latencies.add(System.nanoTime() - due); // from when it was due: waiting for a sender counts
                    jobIds.add(jobId);
                    sentAt.put(jobId, due);
                    return null;
                }));
            }
            for (Future<?> each : sent) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        return new Run(List.copyOf(jobIds), List.copyOf(latencies), Map.copyOf(sentAt), start);
    }

    /** {@code count} sequential GETs of a job's status; their latencies. */
    List<Long> statusReads(long jobId, int count) {
        List<Long> latencies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            BatchApiClient.Response response = api.status(jobId);
            latencies.add(System.nanoTime() - sent);
            if (response.status() != 200) {
                throw new IllegalStateException("status answered " + response.status());
            }
        }
        return latencies;
    }
}
