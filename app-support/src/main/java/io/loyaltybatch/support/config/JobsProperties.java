package io.loyaltybatch.support.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifetimes of jobs in Redis, the same for the gateway (which writes jobs) and the workers (which end them).
 *
 * @param retention how long a job stays readable after it ended
 * @param activeTtl safety expiry of a job that never ends
 */
@ConfigurationProperties("loyalty.jobs")
public record JobsProperties(
        @DefaultValue("7d") Duration retention,
        @DefaultValue("30d") Duration activeTtl) {}
