package io.loyaltybatch.gateway.limit;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.api.LimitExceededException;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.loyaltybatch.gateway.tenant.TenantLimits;
import io.loyaltybatch.model.ErrorCode;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A tenant's quotas on jobs: how many may be unfinished at once, and how many items it may submit per UTC day. Both
 * are held in Redis with the job's other records; should Redis not answer, the submit fails (503) as it would anyway.
 */
@Component
public class JobQuotas {

    private final RateLimiter limiter;
    private final LimitsProperties properties;

    JobQuotas(RateLimiter limiter, LimitsProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    /**
     * @throws LimitExceededException when the job would pass one of the tenant's quotas; then nothing is counted
     * @throws ApiException           422 / 3011 for a job with more items than the tenant's whole day allows, which no
     *                                retry could get accepted
     */
    public void admit(Tenant tenant, long jobId, int items) {
        TenantLimits limits = tenant.limits().or(properties.defaults());
        if (items > limits.itemsPerDay()) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ErrorCode.BATCH_TOO_LARGE,
                    "This job has " + items + " items, more than this tenant may submit in a whole day (at most "
                            + limits.itemsPerDay() + " per UTC day)");
        }
        RateLimiter.JobDecision decision =
                limiter.admitJob(tenant.id(), jobId, items, limits.concurrentJobs(), limits.itemsPerDay());
        if (decision.allowed()) {
            return;
        }
        long retry = Math.max(1, decision.retryAfter());
        if (decision.refusedBy() == RateLimiter.Quota.CONCURRENT_JOBS) {
            throw new LimitExceededException(
                    "Too many unfinished jobs: at most " + limits.concurrentJobs() + "; retry once one has ended",
                    Map.of(
                            HttpHeaders.RETRY_AFTER,
                            Long.toString(retry),
                            RequestAdmission.POLICY,
                            "\"jobs\";q=" + limits.concurrentJobs(),
                            RequestAdmission.STATE,
                            "\"jobs\";r=0;t=" + retry));
        }
        throw new LimitExceededException(
                "Too many items today: at most " + limits.itemsPerDay() + " per UTC day, " + decision.remaining()
                        + " left; this job has " + items,
                Map.of(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(retry),
                        RequestAdmission.POLICY,
                        "\"items\";q=" + limits.itemsPerDay() + ";w=86400",
                        RequestAdmission.STATE,
                        "\"items\";r=" + decision.remaining() + ";t=" + retry));
    }

    /** Takes back what {@link #admit} counted for a job that was not created after all. */
    public void release(Tenant tenant, long jobId, int items) {
        limiter.release(tenant.id(), jobId, items);
    }
}
