package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ItemEnvelope;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/**
 * Runs work with the job and tenant it concerns in the logging context ({@code jobId}, {@code tenant}), so that every
 * log line about a job names it. A poll spanning several jobs names up to five of them.
 */
public final class JobMdc {

    private static final int MAX_NAMED = 5;

    private JobMdc() {}

    public static void run(long jobId, String tenantId, Runnable work) {
        run(Long.toString(jobId), tenantId, work);
    }

    public static void run(List<ItemEnvelope> items, Runnable work) {
        run(
                named(items.stream().map(item -> Long.toString(item.jobId())).toList()),
                named(items.stream().map(ItemEnvelope::tenantId).toList()),
                work);
    }

    private static void run(String jobIds, String tenants, Runnable work) {
        MDC.put("jobId", jobIds);
        MDC.put("tenant", tenants);
        try {
            work.run();
        } finally {
            MDC.remove("jobId");
            MDC.remove("tenant");
        }
    }

    private static String named(List<String> values) {
        List<String> distinct = values.stream().distinct().toList();
        String named = distinct.stream().limit(MAX_NAMED).collect(Collectors.joining(","));
        return distinct.size() > MAX_NAMED ? named + ",..." : named;
    }
}
