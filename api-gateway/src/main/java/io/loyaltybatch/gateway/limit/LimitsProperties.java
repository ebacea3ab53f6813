package io.loyaltybatch.gateway.limit;

import io.loyaltybatch.gateway.tenant.TenantLimits;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The limits of a tenant that has none of its own (see {@link TenantLimits}), and how long the limiter may take.
 *
 * @param requestsPerSecond default requests per second, sustained
 * @param burst             default requests at once above the sustained rate
 * @param concurrentJobs    default jobs submitted and not ended
 * @param itemsPerDay       default items submitted per UTC day
 * @param decisionTimeout   longest a request waits for the request-rate check: past it the request goes through
 *                          (fails open); the job quotas fail closed (503) as the job itself would
 */
@ConfigurationProperties("loyalty.limits")
public record LimitsProperties(
        @DefaultValue("100") int requestsPerSecond,
        @DefaultValue("200") int burst,
        @DefaultValue("500") int concurrentJobs,
        @DefaultValue("50000000") long itemsPerDay,
        @DefaultValue("100ms") Duration decisionTimeout) {

    public LimitsProperties {
        try {
            new TenantLimits(requestsPerSecond, burst, concurrentJobs, itemsPerDay, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("loyalty.limits: " + e.getMessage(), e);
        }
        if (decisionTimeout == null || decisionTimeout.isNegative() || decisionTimeout.isZero()) {
            throw new IllegalArgumentException("loyalty.limits.decision-timeout must be positive");
        }
    }

    /** The defaults as limits; the body size defaults to the gateway's own limit. */
    public TenantLimits defaults() {
        return new TenantLimits(requestsPerSecond, burst, concurrentJobs, itemsPerDay, null);
    }
}
