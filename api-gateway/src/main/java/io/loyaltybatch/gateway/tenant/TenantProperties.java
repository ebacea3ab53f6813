package io.loyaltybatch.gateway.tenant;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tenants and their key pairs. A secret is configured only as its SHA-256 digest (hex), never in plain text:
 * {@code loyalty.tenants.<tenantId>.api-key} and {@code loyalty.tenants.<tenantId>.secret-sha256}.
 *
 * @param tenants    tenant id -> key pair
 * @param demoTenant a built-in tenant for local runs, off by default
 */
@ConfigurationProperties("loyalty")
public record TenantProperties(Map<String, KeyPair> tenants, DemoTenant demoTenant) {

    public TenantProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        demoTenant = demoTenant == null ? new DemoTenant(false) : demoTenant;
    }

    /** @param apiKey the public key; @param secretSha256 hex SHA-256 of the secret key */
    public record KeyPair(String apiKey, String secretSha256) {}

    /** Tenant {@code demo} with apikey {@code demo-api-key} and secretkey {@code demo-secret-key}. */
    public record DemoTenant(boolean enabled) {}
}
