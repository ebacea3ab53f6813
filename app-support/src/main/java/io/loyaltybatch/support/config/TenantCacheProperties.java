package io.loyaltybatch.support.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a gateway or a worker keeps what it read of the tenants (key pairs, programs, limits) before it reads them
 * again: a change made through the admin API takes effect everywhere within this time.
 *
 * @param ttl time to live of a cached read
 */
@ConfigurationProperties("loyalty.tenant-cache")
public record TenantCacheProperties(@DefaultValue("5s") Duration ttl) {}
