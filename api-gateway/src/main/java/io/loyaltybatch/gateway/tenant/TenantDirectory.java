package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Resolves an {@code apikey} / {@code secretkey} pair to its tenant, from configuration. */
@Component
public class TenantDirectory {

    static final String DEMO_TENANT_ID = "demo";
    static final String DEMO_API_KEY = "demo-api-key";
    static final String DEMO_SECRET_KEY = "demo-secret-key";

    private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

    private record Entry(Tenant tenant, byte[] secretDigest) {}

    private final Map<String, Entry> byApiKey = new HashMap<>();

    TenantDirectory(TenantProperties properties) {
        properties.tenants().forEach((id, keys) -> add(id, keys.apiKey(), parseDigest(id, keys.secretSha256())));
        if (properties.demoTenant().enabled()) {
            add(DEMO_TENANT_ID, DEMO_API_KEY, SecretDigest.sha256(DEMO_SECRET_KEY));
            log.warn("Demo tenant is enabled (apikey {}); never enable it in production", DEMO_API_KEY);
        }
        log.info("{} tenant(s) configured", byApiKey.size());
    }

    /**
     * @throws ApiException 401 / 1000 for a missing or unknown apikey, 401 / 1001 for a missing or wrong secretkey
     */
    public Tenant authenticate(String apiKey, String secretKey) {
        Entry entry = apiKey == null ? null : byApiKey.get(apiKey);
        if (entry == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.UNKNOWN_API_KEY, "Invalid or missing apikey");
        }
        if (secretKey == null || !SecretDigest.matches(secretKey, entry.secretDigest())) {
            throw new ApiException(
                    HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_SECRET_KEY, "Invalid or missing secretkey");
        }
        return entry.tenant();
    }

    private void add(String tenantId, String apiKey, byte[] digest) {
        if (tenantId.contains("/") || tenantId.contains("{") || tenantId.contains("}")) {
            throw new IllegalStateException("Tenant id may not contain '/', '{' or '}': " + tenantId);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("Tenant " + tenantId + " has no api-key");
        }
        if (byApiKey.putIfAbsent(apiKey, new Entry(new Tenant(tenantId), digest)) != null) {
            throw new IllegalStateException("Two tenants share one api-key; tenant " + tenantId);
        }
    }

    private static byte[] parseDigest(String tenantId, String hex) {
        if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalStateException("Tenant " + tenantId + " needs secret-sha256: 64 hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }
}
