package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.support.config.ItemsTopicProperties;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * What the admin API does to tenants: create them, set their program and limits, issue, rotate and revoke their key
 * pairs. A secret is made here from 256 random bits, answered once, and stored only as its SHA-256 digest.
 */
@Service
public class TenantAdministration {

    /** Lower-case letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit. */
    static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    /** The lane named so in the admin API is the default lane: the items topic itself. */
    static final String DEFAULT_LANE = "default";

    static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    static final Duration MAX_GRACE = Duration.ofDays(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantStore store;
    private final Clock clock;

    TenantAdministration(TenantStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A key pair as issued: the only time its secret is seen. */
    public record IssuedKey(String tenantId, String apiKey, String secretKey, Instant previousValidUntil) {}

    public record ProgramVersion(String tenantId, int version, ProgramSettings settings) {}

    /**
     * Creates a tenant on a lane fixed for its life: its own ({@code lane} absent), the default lane shared with the
     * configured tenants ({@value #DEFAULT_LANE}), or a named one that other tenants may share.
     */
    public TenantStore.TenantView create(
            String tenantId, ProgramSettings program, TenantLimits limits, String lane, String admin) {
        if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
            throw invalid("tenantId must be 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit");
        }
        if (lane != null
                && !lane.equals(DEFAULT_LANE)
                && !ItemsTopicProperties.LANE.matcher(lane).matches()) {
            throw invalid("lane must be \"" + DEFAULT_LANE + "\" or 1 to 63 lower-case letters, digits or '-',"
                    + " starting with a letter or digit");
        }
        String chosen = lane == null ? ownLane(tenantId) : lane.equals(DEFAULT_LANE) ? null : lane;
        if (!store.createTenant(tenantId, limits == null ? TenantLimits.NONE : limits, chosen, admin)) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCode.CONFLICT, "This tenant exists already");
        }
        if (program != null) {
            store.writeProgram(tenantId, program, admin);
        }
        return find(tenantId);
    }

    /**
     * A tenant's own lane: its id, with {@code .} and {@code _} as {@code -} (Kafka takes topics that differ only
     * in those for the same); two tenants whose ids differ only so share a lane.
     */
    static String ownLane(String tenantId) {
        return tenantId.replace('.', '-').replace('_', '-');
    }

    public TenantStore.TenantView find(String tenantId) {
        return store.find(tenantId).orElseThrow(TenantAdministration::noTenant);
    }

    public ProgramVersion setProgram(String tenantId, ProgramSettings settings, String admin) {
        int version = store.writeProgram(tenantId, settings, admin).orElseThrow(TenantAdministration::noTenant);
        return new ProgramVersion(tenantId, version, settings);
    }

    public TenantLimits setLimits(String tenantId, TenantLimits limits, String admin) {
        if (!store.setLimits(tenantId, limits, admin)) {
            throw noTenant();
        }
        return limits;
    }

    public IssuedKey issueKey(String tenantId, String admin) {
        String apiKey = "lk_" + HexFormat.of().formatHex(randomBytes(16));
        String secret = newSecret();
        if (!store.addKey(tenantId, apiKey, SecretDigest.sha256(secret), admin)) {
            throw noTenant();
        }
        return new IssuedKey(tenantId, apiKey, secret, null);
    }

    /** A new secret for the key; the previous one stays valid for {@code grace} (default 24 h, at most 30 days). */
    public IssuedKey rotateKey(String tenantId, String apiKey, Duration grace, String admin) {
        Duration kept = grace == null ? DEFAULT_GRACE : grace;
        if (kept.isNegative() || kept.compareTo(MAX_GRACE) > 0) {
            throw invalid("graceSeconds must be 0 to " + MAX_GRACE.toSeconds());
        }
        Instant now = clock.instant();
        if (!kept.isZero()) {
            // a rotation moves the current secret to "previous": one whose grace runs would lose it early
            store.find(tenantId).stream()
                    .flatMap(tenant -> tenant.keys().stream())
                    .filter(key -> key.apiKey().equals(apiKey) && key.revokedAt() == null)
                    .map(TenantStore.KeyView::previousValidUntil)
                    .filter(previous -> previous != null && previous.isAfter(now))
                    .findFirst()
                    .ifPresent(previous -> {
                        throw new ApiException(
                                HttpStatus.CONFLICT,
                                ErrorCode.CONFLICT,
                                "The previous secret of this key is valid until " + previous
                                        + "; rotate again after that, or with graceSeconds 0 to end every previous"
                                        + " secret now");
                    });
        }
        String secret = newSecret();
        Instant until = now.plus(kept);
        if (!store.rotateKey(tenantId, apiKey, SecretDigest.sha256(secret), until, admin)) {
            throw noKey();
        }
        return new IssuedKey(tenantId, apiKey, secret, until);
    }

    public void revokeKey(String tenantId, String apiKey, String admin) {
        if (!store.revokeKey(tenantId, apiKey, admin)) {
            throw noKey();
        }
    }

    public List<TenantStore.AuditRecord> audit(String tenantId, int limit) {
        find(tenantId);
        if (limit < 1 || limit > 1000) {
            throw invalid("limit must be 1 to 1000");
        }
        return store.audit(tenantId, limit);
    }

    static ApiException invalid(String message) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCode.INVALID_VALUE, message);
    }

    private static String newSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static ApiException noTenant() {
        return ApiException.notFound("Tenant not found");
    }

    private static ApiException noKey() {
        return ApiException.notFound("Key not found, or revoked");
    }
}
