package io.loyaltybatch.worker.progress;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifetimes of jobs in Redis, shared with the gateway (same property names).
 *
 * @param retention how long a job stays readable after it ended
 */
@ConfigurationProperties("loyalty.jobs")
public record ProgressProperties(@DefaultValue("7d") Duration retention) {}
