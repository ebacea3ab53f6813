package io.loyaltybatch.worker.item;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retry policy of the worker.
 *
 * @param itemRetries          retries of an item that fails for a reason of its own before it is reported 5000
 * @param retryInitialInterval first pause between tries (doubling after each)
 * @param retryMaxInterval     longest pause between tries
 */
@ConfigurationProperties("loyalty.worker")
public record WorkerProperties(
        @DefaultValue("3") int itemRetries,
        @DefaultValue("200ms") Duration retryInitialInterval,
        @DefaultValue("10s") Duration retryMaxInterval) {}
