package io.loyaltybatch.gateway.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminTokenSha256 hex SHA-256 digest of the admin API's bearer token; without it the admin API answers 401 to
 *                         every request. Tenant keys never open it.
 * @param lagInterval      how often the consumer group's lag is read from the broker
 * @param rateWindow       the stretch of time over which the group's consumption rate (for lag in seconds) is measured
 */
@ConfigurationProperties("loyalty.ops")
public record OpsProperties(
        String adminTokenSha256,
        @DefaultValue("5s") Duration lagInterval,
        @DefaultValue("60s") Duration rateWindow) {}
