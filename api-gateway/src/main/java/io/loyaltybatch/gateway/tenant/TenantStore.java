package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.model.ProgramSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenants, their key pairs, limits and programs, and the audit log of their changes. */
public interface TenantStore {

    /** A key pair that is not revoked, with its tenant's limits. */
    record ActiveKey(
            String apiKey,
            String tenantId,
            byte[] secretDigest,
            byte[] previousDigest,
            Instant previousValidUntil,
            TenantLimits limits,
            String lane) {}

    /** A key pair as the admin API shows it: never a secret nor its digest. */
    record KeyView(
            String apiKey, Instant createdAt, Instant rotatedAt, Instant previousValidUntil, Instant revokedAt) {}

    /** @param lane {@code null} for the default lane */
    record TenantView(
            String tenantId,
            Instant createdAt,
            TenantLimits limits,
            String lane,
            int programVersion,
            ProgramSettings program,
            List<KeyView> keys) {}

    record AuditRecord(long id, Instant at, String actor, String action, String tenantId, Map<String, Object> detail) {}

    /** Every key pair that is not revoked. */
    List<ActiveKey> activeKeys();

    /** Creates the tenant on its lane ({@code null}: the default lane), fixed for its life; false if it exists. */
    boolean createTenant(String tenantId, TenantLimits limits, String lane, String actor);

    Optional<TenantView> find(String tenantId);

    /** Writes the tenant's next program version and answers it; empty if there is no such tenant. */
    Optional<Integer> writeProgram(String tenantId, ProgramSettings settings, String actor);

    /** False if there is no such tenant. */
    boolean setLimits(String tenantId, TenantLimits limits, String actor);

    /** Adds a key pair to the tenant; false if there is no such tenant. */
    boolean addKey(String tenantId, String apiKey, byte[] secretDigest, String actor);

    /**
     * Replaces the key's secret, the previous one accepted until {@code previousValidUntil}; false if the tenant has
     * no such key, or it is revoked.
     */
    boolean rotateKey(String tenantId, String apiKey, byte[] secretDigest, Instant previousValidUntil, String actor);

    /** Revokes the key at once (its previous secret too); false if the tenant has no such key not yet revoked. */
    boolean revokeKey(String tenantId, String apiKey, String actor);

    /** The tenant's audit records, newest first. */
    List<AuditRecord> audit(String tenantId, int limit);

    /**
     * Creates the tenant and the key pair of the configuration if they do not exist yet; a key pair that exists is
     * left as it is (the configuration bootstraps, it never overwrites).
     */
    void bootstrap(String tenantId, String apiKey, byte[] secretDigest);
}
