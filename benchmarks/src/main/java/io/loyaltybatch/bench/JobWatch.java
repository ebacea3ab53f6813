package io.loyaltybatch.bench;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.loyaltybatch.model.JobKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches jobs end by reading their status straight from Redis (one pipelined round trip per look), so that waiting
 * for jobs puts no load on the gateway being measured. Records when each job was first seen terminal.
 */
final class JobWatch implements AutoCloseable {

    private static final Set<String> TERMINAL = Set.of("completed", "failed", "stopped");

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final Map<Long, Long> endedAtNanos = new ConcurrentHashMap<>();

    JobWatch(String redisUrl) {
        client = RedisClient.create(redisUrl);
        connection = client.connect();
    }

    /** Looks every {@code interval} until all {@code jobIds} ended; returns when the last one was seen ended. */
    long awaitAll(Collection<Long> jobIds, Duration interval, Duration timeout) {
        List<Long> pending = new ArrayList<>(jobIds);
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = System.nanoTime();
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending.size() + " job(s) did not end within " + timeout);
            }
            Map<Long, String> statuses = statuses(pending);
            long now = System.nanoTime();
            pending.removeIf(jobId -> {
                if (TERMINAL.contains(statuses.get(jobId))) {
                    endedAtNanos.putIfAbsent(jobId, now);
                    return true;
                }
                return false;
            });
            last = now;
            if (!pending.isEmpty()) {
                LockSupport.parkNanos(interval.toNanos());
            }
        }
        return last;
    }

    /** When the job was first seen ended ({@link System#nanoTime()}), or null. */
    Long endedAt(long jobId) {
        return endedAtNanos.get(jobId);
    }

    /** A header field of each job, e.g. {@code errors}. */
    Map<Long, String> field(Collection<Long> jobIds, String field) {
        RedisAsyncCommands<String, String> async = connection.async();
        Map<Long, RedisFuture<String>> futures = new HashMap<>();
        for (long jobId : jobIds) {
            futures.put(jobId, async.hget(JobKeys.header(jobId), field));
        }
        LettuceFutures.awaitAll(30, TimeUnit.SECONDS, futures.values().toArray(RedisFuture[]::new));
        Map<Long, String> values = new HashMap<>();
        futures.forEach((jobId, future) ->
                values.put(jobId, future.toCompletableFuture().join()));
        return values;
    }

    private Map<Long, String> statuses(Collection<Long> jobIds) {
        return field(jobIds, JobKeys.STATUS);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
