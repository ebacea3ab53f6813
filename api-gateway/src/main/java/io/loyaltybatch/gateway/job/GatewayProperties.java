package io.loyaltybatch.gateway.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits and lifetimes of the gateway.
 *
 * @param maxItems        most objects in one batch (422 / 3011 above)
 * @param stopWait        how long a stop waits for workers applying items of the job to commit (503 after that)
 * @param idempotencyTtl  how long an Idempotency-Key is remembered
 * @param idempotencyPendingTtl how long a reserved key is held for its request; after that, if its job's items were
 *                        never published (the request died), a request with the same key and body starts afresh. Keep
 *                        it above the producer's transaction timeout
 */
@ConfigurationProperties("loyalty.gateway")
public record GatewayProperties(
        @DefaultValue("1000") int maxItems,
        @DefaultValue("10s") Duration stopWait,
        @DefaultValue("24h") Duration idempotencyTtl,
        @DefaultValue("2m") Duration idempotencyPendingTtl) {}
