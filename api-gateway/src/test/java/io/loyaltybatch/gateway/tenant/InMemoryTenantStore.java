package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.model.ProgramSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenants in memory, with the behaviour {@link TenantStoreContract} asks of every {@link TenantStore}. */
public class InMemoryTenantStore implements TenantStore {

    private record Key(
            String tenantId,
            byte[] digest,
            byte[] previous,
            Instant previousUntil,
            Instant createdAt,
            Instant rotatedAt,
            Instant revokedAt) {}

    private record StoredTenant(Instant createdAt, TenantLimits limits, String lane, List<ProgramSettings> programs) {}

    private final Map<String, StoredTenant> tenants = new LinkedHashMap<>();
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final List<AuditRecord> audit = new ArrayList<>();

    @Override
    public synchronized List<ActiveKey> activeKeys() {
        List<ActiveKey> active = new ArrayList<>();
        keys.forEach((apiKey, key) -> {
            if (key.revokedAt() == null) {
                active.add(new ActiveKey(
                        apiKey,
                        key.tenantId(),
                        key.digest(),
                        key.previous(),
                        key.previousUntil(),
                        tenants.get(key.tenantId()).limits(),
                        tenants.get(key.tenantId()).lane()));
            }
        });
        return active;
    }

    @Override
    public synchronized boolean createTenant(String tenantId, TenantLimits limits, String lane, String actor) {
        if (tenants.containsKey(tenantId)) {
            return false;
        }
        tenants.put(tenantId, new StoredTenant(Instant.now(), limits, lane, new ArrayList<>()));
        audit(
                actor,
                "tenant.create",
                tenantId,
                lane == null ? Map.of("limits", limits) : Map.of("limits", limits, "lane", lane));
        return true;
    }

    @Override
    public synchronized Optional<TenantView> find(String tenantId) {
        StoredTenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return Optional.empty();
        }
        List<KeyView> views = new ArrayList<>();
        keys.forEach((apiKey, key) -> {
            if (key.tenantId().equals(tenantId)) {
                views.add(new KeyView(apiKey, key.createdAt(), key.rotatedAt(), key.previousUntil(), key.revokedAt()));
            }
        });
        views.sort(Comparator.comparing(KeyView::createdAt).thenComparing(KeyView::apiKey));
        int version = tenant.programs().size();
        return Optional.of(new TenantView(
                tenantId,
                tenant.createdAt(),
                tenant.limits(),
                tenant.lane(),
                version,
                version == 0 ? ProgramSettings.DEFAULTS : tenant.programs().get(version - 1),
                views));
    }

    @Override
    public synchronized Optional<Integer> writeProgram(String tenantId, ProgramSettings settings, String actor) {
        StoredTenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return Optional.empty();
        }
        tenant.programs().add(settings);
        int version = tenant.programs().size();
        audit(actor, "program.set", tenantId, Map.of("version", version, "settings", settings));
        return Optional.of(version);
    }

    @Override
    public synchronized boolean setLimits(String tenantId, TenantLimits limits, String actor) {
        StoredTenant tenant = tenants.get(tenantId);
        if (tenant == null) {
            return false;
        }
        tenants.put(tenantId, new StoredTenant(tenant.createdAt(), limits, tenant.lane(), tenant.programs()));
        audit(actor, "limits.set", tenantId, Map.of("limits", limits));
        return true;
    }

    @Override
    public synchronized boolean addKey(String tenantId, String apiKey, byte[] secretDigest, String actor) {
        if (!tenants.containsKey(tenantId) || keys.containsKey(apiKey)) {
            return false;
        }
        keys.put(apiKey, new Key(tenantId, secretDigest, null, null, Instant.now(), null, null));
        audit(actor, "key.issue", tenantId, Map.of("apiKey", apiKey));
        return true;
    }

    @Override
    public synchronized boolean rotateKey(
            String tenantId, String apiKey, byte[] secretDigest, Instant previousValidUntil, String actor) {
        Key key = keys.get(apiKey);
        if (key == null || !key.tenantId().equals(tenantId) || key.revokedAt() != null) {
            return false;
        }
        keys.put(
                apiKey,
                new Key(
                        tenantId,
                        secretDigest,
                        key.digest(),
                        previousValidUntil,
                        key.createdAt(),
                        Instant.now(),
                        null));
        audit(
                actor,
                "key.rotate",
                tenantId,
                Map.of("apiKey", apiKey, "previousValidUntil", previousValidUntil.toString()));
        return true;
    }

    @Override
    public synchronized boolean revokeKey(String tenantId, String apiKey, String actor) {
        Key key = keys.get(apiKey);
        if (key == null || !key.tenantId().equals(tenantId) || key.revokedAt() != null) {
            return false;
        }
        keys.put(apiKey, new Key(tenantId, key.digest(), null, null, key.createdAt(), key.rotatedAt(), Instant.now()));
        audit(actor, "key.revoke", tenantId, Map.of("apiKey", apiKey));
        return true;
    }

    @Override
    public synchronized List<AuditRecord> audit(String tenantId, int limit) {
        return audit.stream()
                .filter(record -> record.tenantId().equals(tenantId))
                .sorted(Comparator.comparingLong(AuditRecord::id).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void bootstrap(String tenantId, String apiKey, byte[] secretDigest) {
        if (!tenants.containsKey(tenantId)) {
            tenants.put(tenantId, new StoredTenant(Instant.now(), TenantLimits.NONE, null, new ArrayList<>()));
            audit(JdbcTenantStore.BOOTSTRAP_ACTOR, "tenant.create", tenantId, Map.of());
        }
        Key key = keys.get(apiKey);
        if (key == null) {
            keys.put(apiKey, new Key(tenantId, secretDigest, null, null, Instant.now(), null, null));
            audit(JdbcTenantStore.BOOTSTRAP_ACTOR, "key.issue", tenantId, Map.of("apiKey", apiKey));
        } else if (!key.tenantId().equals(tenantId)) {
            throw new IllegalStateException(
                    "The configured api-key of tenant " + tenantId + " belongs to another tenant");
        }
    }

    private void audit(String actor, String action, String tenantId, Map<String, ?> detail) {
        audit.add(new AuditRecord(audit.size() + 1, Instant.now(), actor, action, tenantId, Map.copyOf(detail)));
    }
}
