package io.loyaltybatch.gateway.tenant;

/**
 * A tenant's own limits; a null one takes the configured default ({@code loyalty.limits.*}).
 *
 * @param requestsPerSecond requests per second, sustained
 * @param burst             requests that may come at once above the sustained rate
 * @param concurrentJobs    jobs submitted and not ended yet
 * @param itemsPerDay       items submitted per UTC day
 * @param maxBodyBytes      bytes of one request body
 */
public record TenantLimits(
        Integer requestsPerSecond, Integer burst, Integer concurrentJobs, Long itemsPerDay, Long maxBodyBytes) {

    public static final TenantLimits NONE = new TenantLimits(null, null, null, null, null);

    public TenantLimits {
        if (outside(requestsPerSecond, 1, 100_000)
                || outside(burst, 1, 100_000)
                || outside(concurrentJobs, 1, 100_000)
                || outside(itemsPerDay, 1, 1_000_000_000_000L)
                || outside(maxBodyBytes, 1_024, 1_073_741_824L)) {
            throw new IllegalArgumentException("requestsPerSecond, burst and concurrentJobs 1 to 100000, itemsPerDay"
                    + " 1 to 10^12, maxBodyBytes 1024 to 1073741824");
        }
    }

    /** These limits, each null one taken from {@code defaults}. */
    public TenantLimits or(TenantLimits defaults) {
        return new TenantLimits(
                requestsPerSecond != null ? requestsPerSecond : defaults.requestsPerSecond,
                burst != null ? burst : defaults.burst,
                concurrentJobs != null ? concurrentJobs : defaults.concurrentJobs,
                itemsPerDay != null ? itemsPerDay : defaults.itemsPerDay,
                maxBodyBytes != null ? maxBodyBytes : defaults.maxBodyBytes);
    }

    private static boolean outside(Number value, long min, long max) {
        return value != null && (value.longValue() < min || value.longValue() > max);
    }
}
