package io.loyaltybatch.gateway.limit;

/** Counters of the tenants' limits, shared by every gateway. */
public interface RateLimiter {

    /**
     * @param allowed    whether the request or job may go on
     * @param remaining  what is left of the limit after it (0 when refused)
     * @param retryAfter seconds until it would be allowed (0 when allowed)
     */
    record Decision(boolean allowed, long remaining, long retryAfter) {}

    /** Takes one request from the tenant's budget of {@code rate} per second with {@code burst} at once. */
    Decision request(String tenantId, int rate, int burst);

    /** Which quota refused a job, if one did. */
    enum Quota {
        CONCURRENT_JOBS,
        ITEMS_PER_DAY
    }

    record JobDecision(Quota refusedBy, long remaining, long retryAfter) {
        public boolean allowed() {
            return refusedBy == null;
        }
    }

    /**
     * Counts a new job of {@code items} against the tenant's unfinished jobs and its items of the day, both or
     * neither. A job that ended no longer counts.
     */
    JobDecision admitJob(String tenantId, long jobId, int items, int maxJobs, long maxItemsPerDay);

    /** Takes back a job {@link #admitJob} counted that was never created. */
    void release(String tenantId, long jobId, int items);
}
