package io.loyaltybatch.gateway.limit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The limiter in memory, for tests of one gateway: the same GCRA on {@link System#nanoTime()}, the unfinished jobs
 * (until {@link #ended}) and the items counted since it was made.
 */
public class InMemoryRateLimiter implements RateLimiter {

    private final Map<String, Long> arrivals = new HashMap<>();
    private final Map<String, Set<Long>> jobs = new HashMap<>();
    private final Map<String, Long> items = new HashMap<>();

    /** Job quotas on this limiter, with the default limits. */
    public static JobQuotas quotas(InMemoryRateLimiter limiter) {
        return new JobQuotas(limiter, defaults());
    }

    public static LimitsProperties defaults() {
        return new LimitsProperties(100, 200, 500, 50_000_000, java.time.Duration.ofMillis(100));
    }

    @Override
    public synchronized Decision request(String tenantId, int rate, int burst) {
        long now = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        long next = Math.max(arrivals.getOrDefault(tenantId, now), now) + interval;
        long allowedAt = next - burst * interval;
        if (allowedAt > now) {
            return new Decision(false, 0, (allowedAt - now + 999_999_999L) / 1_000_000_000L);
        }
        arrivals.put(tenantId, next);
        return new Decision(true, (now - allowedAt) / interval, 0);
    }

    @Override
    public synchronized JobDecision admitJob(String tenantId, long jobId, int count, int maxJobs, long maxItems) {
        Set<Long> unfinished = jobs.computeIfAbsent(tenantId, t -> new HashSet<>());
        if (unfinished.size() >= maxJobs) {
            return new JobDecision(Quota.CONCURRENT_JOBS, 0, 5);
        }
        long used = items.getOrDefault(tenantId, 0L);
        if (used + count > maxItems) {
            return new JobDecision(Quota.ITEMS_PER_DAY, maxItems - used, 3600);
        }
        unfinished.add(jobId);
        items.put(tenantId, used + count);
        return new JobDecision(null, maxJobs - unfinished.size(), 0);
    }

    @Override
    public synchronized void release(String tenantId, long jobId, int count) {
        if (jobs.getOrDefault(tenantId, Set.of()).contains(jobId)) {
            jobs.get(tenantId).remove(jobId);
            items.merge(tenantId, -(long) count, Long::sum);
        }
    }

    /** The job no longer counts as unfinished. */
    public synchronized void ended(String tenantId, long jobId) {
        jobs.getOrDefault(tenantId, new HashSet<>()).remove(jobId);
    }
}
