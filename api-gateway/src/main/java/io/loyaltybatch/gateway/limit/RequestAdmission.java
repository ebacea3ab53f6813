package io.loyaltybatch.gateway.limit;

import io.loyaltybatch.gateway.api.LimitExceededException;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.loyaltybatch.gateway.tenant.TenantLimits;
import io.loyaltybatch.support.EngineUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The request rate of each tenant: every API request of an authenticated tenant takes one from its budget, and its
 * answer says what is left in the IETF {@code RateLimit-Policy} and {@code RateLimit} fields. Over the budget: 429 /
 * 2029 with {@code Retry-After}. Should Redis not decide within {@code loyalty.limits.decision-timeout}, the request
 * goes through (fails open) and {@code loyalty_limiter_undecided_total} counts it.
 */
@Component
public class RequestAdmission {

    static final String POLICY = "RateLimit-Policy";
    static final String STATE = "RateLimit";

    private static final Logger log = LoggerFactory.getLogger(RequestAdmission.class);

    private final RateLimiter limiter;
    private final LimitsProperties properties;
    private final Counter undecided;

    RequestAdmission(RateLimiter limiter, LimitsProperties properties, MeterRegistry metrics) {
        this.limiter = limiter;
        this.properties = properties;
        this.undecided = Counter.builder("loyalty.limiter.undecided")
                .description("Requests let through because Redis did not decide their rate limit in time")
                .register(metrics);
    }

    /** @throws LimitExceededException when the tenant is over its request rate */
    public void admit(Tenant tenant, HttpServletResponse response) {
        TenantLimits limits = tenant.limits().or(properties.defaults());
        int rate = limits.requestsPerSecond();
        int burst = limits.burst();
        String policy = "\"requests\";q=" + burst + ";w=" + Math.max(1, (burst + rate - 1) / rate);
        RateLimiter.Decision decision;
        try {
            decision = limiter.request(tenant.id(), rate, burst);
        } catch (EngineUnavailableException e) {
            undecided.increment();
            log.debug("Rate limit undecided, request let through: {}", e.getMessage());
            return;
        }
        if (!decision.allowed()) {
            long retry = Math.max(1, decision.retryAfter());
            throw new LimitExceededException(
                    "Too many requests: at most " + rate + " per second (" + burst + " at once); retry in " + retry
                            + " s",
                    Map.of(
                            HttpHeaders.RETRY_AFTER,
                            Long.toString(retry),
                            POLICY,
                            policy,
                            STATE,
                            "\"requests\";r=0;t=" + retry));
        }
        response.setHeader(POLICY, policy);
        response.setHeader(STATE, "\"requests\";r=" + decision.remaining() + ";t=0");
    }
}
