package io.loyaltybatch.gateway.ops;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminTokenSha256 hex SHA-256 digest of the admin API's bearer token, of the administrator named {@code admin}
 *                         in the tenants' audit log; without it or {@code adminTokens} the admin API answers 401 to
 *                         every request. Tenant keys never open it.
 * @param adminTokens      more administrators: name -> hex SHA-256 digest of their own bearer token
 *                         ({@code loyalty.ops.admin-tokens.<name>}); the name is who the audit log says made a change
 * @param lagInterval      how often the consumer group's lag is read from the broker
 * @param rateWindow       the stretch of time over which the group's consumption rate (for lag in seconds) is measured
 */
@ConfigurationProperties("loyalty.ops")
public record OpsProperties(
        String adminTokenSha256,
        Map<String, String> adminTokens,
        @DefaultValue("5s") Duration lagInterval,
        @DefaultValue("60s") Duration rateWindow) {}
