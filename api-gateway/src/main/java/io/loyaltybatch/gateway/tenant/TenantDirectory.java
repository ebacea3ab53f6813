package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.support.ScheduledTasks;
import io.loyaltybatch.support.config.TenantCacheProperties;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Resolves an {@code apikey} / {@code secretkey} pair to its tenant, from the key pairs of the database, read again
 * every {@code loyalty.tenant-cache.ttl}: an issued, rotated or revoked key takes effect within that time, and no
 * request waits for the database. Should a read fail, the keys last read stay in force until one succeeds.
 *
 * <p>The tenants of the configuration ({@code loyalty.tenants.*}, the demo tenant) are written to the database at
 * startup if they are not there yet. The demo key pair is accepted only where the demo tenant is enabled.
 */
@Component
public class TenantDirectory implements SchedulingConfigurer {

    static final String DEMO_TENANT_ID = "demo";
    static final String DEMO_API_KEY = "demo-api-key";
    static final String DEMO_SECRET_KEY = "demo-secret-key";

    private static final Logger log = LoggerFactory.getLogger(TenantDirectory.class);

    private final TenantStore store;
    private final TenantCacheProperties cache;
    private final Clock clock;
    private final boolean demoEnabled;
    private volatile Map<String, TenantStore.ActiveKey> byApiKey = Map.of();

    TenantDirectory(TenantProperties properties, TenantStore store, TenantCacheProperties cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
        this.demoEnabled = properties.demoTenant().enabled();
        properties.tenants().forEach((id, keys) -> bootstrap(id, keys.apiKey(), parseDigest(id, keys.secretSha256())));
        if (properties.demoTenant().enabled()) {
            bootstrap(DEMO_TENANT_ID, DEMO_API_KEY, SecretDigest.sha256(DEMO_SECRET_KEY));
            log.warn("Demo tenant is enabled (apikey {}); never enable it in production", DEMO_API_KEY);
        }
        refresh();
        log.info("{} key pair(s) of tenants in force", byApiKey.size());
    }

    /**
     * @throws ApiException 401 / 1000 for a missing, unknown or revoked apikey, 401 / 1001 for a missing or wrong
     *                      secretkey (a rotated key's previous secret is right until its grace period ends)
     */
    public Tenant authenticate(String apiKey, String secretKey) {
        TenantStore.ActiveKey key = apiKey == null ? null : byApiKey.get(apiKey);
        if (key == null) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, ErrorCode.UNKNOWN_API_KEY, "Invalid or missing apikey");
        }
        if (secretKey == null || !matches(key, secretKey)) {
            throw new ApiException(
                    HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_SECRET_KEY, "Invalid or missing secretkey");
        }
        return new Tenant(key.tenantId(), key.limits(), key.lane());
    }

    /** Reads the key pairs again. */
    public void refresh() {
        Map<String, TenantStore.ActiveKey> keys = new HashMap<>();
        for (TenantStore.ActiveKey key : store.activeKeys()) {
            // the demo key pair is public: written to a shared database by a gateway with the demo tenant, it still
            // opens nothing on a gateway without it
            if (demoEnabled || !key.apiKey().equals(DEMO_API_KEY)) {
                keys.put(key.apiKey(), key);
            }
        }
        byApiKey = Map.copyOf(keys);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        ScheduledTasks.withFixedDelay(tasks, log, "Reading the tenants' keys", cache.ttl(), cache.ttl(), this::refresh);
    }

    /** Both digests are compared whatever the first gives, so the time taken tells nothing of which one matched. */
    private boolean matches(TenantStore.ActiveKey key, String secretKey) {
        byte[] digest = SecretDigest.sha256(secretKey);
        boolean current = MessageDigest.isEqual(digest, key.secretDigest());
        Instant until = key.previousValidUntil();
        boolean previous = key.previousDigest() != null
                && MessageDigest.isEqual(digest, key.previousDigest())
                && until != null
                && clock.instant().isBefore(until);
        return current | previous;
    }

    private void bootstrap(String tenantId, String apiKey, byte[] digest) {
        if (tenantId.contains("/") || tenantId.contains("{") || tenantId.contains("}")) {
            throw new IllegalStateException("Tenant id may not contain '/', '{' or '}': " + tenantId);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("Tenant " + tenantId + " has no api-key");
        }
        store.bootstrap(tenantId, apiKey, digest);
    }

    private static byte[] parseDigest(String tenantId, String hex) {
        if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalStateException("Tenant " + tenantId + " needs secret-sha256: 64 hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }
}
