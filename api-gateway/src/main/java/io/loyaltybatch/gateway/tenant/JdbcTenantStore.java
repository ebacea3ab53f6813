package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.JdbcFailures;
import io.loyaltybatch.support.program.JdbcPrograms;
import io.loyaltybatch.support.program.Program;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/** The tenants' tables of PostgreSQL; every change and its audit record are written in one transaction. */
@Component
class JdbcTenantStore implements TenantStore {

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    JdbcTenantStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public List<ActiveKey> activeKeys() {
        return JdbcFailures.call(() -> jdbc.query(
                """
                SELECT k.api_key, k.tenant_id, k.secret_sha256, k.previous_secret_sha256, k.previous_valid_until,
                       t.limits::text, t.lane
                  FROM tenant_keys k JOIN tenants t USING (tenant_id)
                 WHERE k.revoked_at IS NULL""",
                (row, n) -> new ActiveKey(
                        row.getString(1),
                        row.getString(2),
                        row.getBytes(3),
                        row.getBytes(4),
                        instant(row, 5),
                        limits(row.getString(6)),
                        row.getString(7))));
    }

    @Override
    public boolean createTenant(String tenantId, TenantLimits limits, String lane, String actor) {
        return inTransaction(() -> {
            int created = jdbc.update(
                    "INSERT INTO tenants (tenant_id, limits, lane) VALUES (?, ?::jsonb, ?) ON CONFLICT DO NOTHING",
                    tenantId,
                    encode(limits),
                    lane);
            if (created == 1) {
                audit(
                        actor,
                        "tenant.create",
                        tenantId,
                        lane == null ? Map.of("limits", limits) : Map.of("limits", limits, "lane", lane));
            }
            return created == 1;
        });
    }

    @Override
    public Optional<TenantView> find(String tenantId) {
        return JdbcFailures.call(() -> {
            List<TenantView> found = jdbc.query(
                    """
                    SELECT t.created_at, t.limits::text, p.version, p.settings::text, t.lane
                      FROM tenants t
                      LEFT JOIN LATERAL (SELECT version, settings FROM programs
                                          WHERE tenant_id = t.tenant_id ORDER BY version DESC LIMIT 1) p ON true
                     WHERE t.tenant_id = ?""",
                    (row, n) -> {
                        String settings = row.getString(4);
                        Program program = settings == null
                                ? Program.DEFAULTS
                                : new Program(row.getInt(3), JdbcPrograms.decode(settings));
                        return new TenantView(
                                tenantId,
                                instant(row, 1),
                                limits(row.getString(2)),
                                row.getString(5),
                                program.version(),
                                program.settings(),
                                List.of());
                    },
                    tenantId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            List<KeyView> keys = jdbc.query(
                    """
                    SELECT api_key, created_at, rotated_at, previous_valid_until, revoked_at
                      FROM tenant_keys WHERE tenant_id = ? ORDER BY created_at, api_key""",
                    (row, n) -> new KeyView(
                            row.getString(1), instant(row, 2), instant(row, 3), instant(row, 4), instant(row, 5)),
                    tenantId);
            TenantView view = found.get(0);
            return Optional.of(new TenantView(
                    tenantId,
                    view.createdAt(),
                    view.limits(),
                    view.lane(),
                    view.programVersion(),
                    view.program(),
                    keys));
        });
    }

    @Override
    public Optional<Integer> writeProgram(String tenantId, ProgramSettings settings, String actor) {
        return inTransaction(() -> {
            // the tenant's row, locked, orders concurrent writers of its next version
            List<String> tenant = jdbc.queryForList(
                    "SELECT tenant_id FROM tenants WHERE tenant_id = ? FOR UPDATE", String.class, tenantId);
            if (tenant.isEmpty()) {
                return Optional.empty();
            }
            Integer version =
                    jdbc.queryForObject("""
                    INSERT INTO programs (tenant_id, version, settings)
                    SELECT ?, coalesce(max(version), 0) + 1, ?::jsonb FROM programs WHERE tenant_id = ?
                    RETURNING version""", Integer.class, tenantId, JdbcPrograms.encode(settings), tenantId);
            audit(actor, "program.set", tenantId, Map.of("version", version, "settings", settings));
            return Optional.of(version);
        });
    }

    @Override
    public boolean setLimits(String tenantId, TenantLimits limits, String actor) {
        return inTransaction(() -> {
            int updated =
                    jdbc.update("UPDATE tenants SET limits = ?::jsonb WHERE tenant_id = ?", encode(limits), tenantId);
            if (updated == 1) {
                audit(actor, "limits.set", tenantId, Map.of("limits", limits));
            }
            return updated == 1;
        });
    }

    @Override
    public boolean addKey(String tenantId, String apiKey, byte[] secretDigest, String actor) {
        return inTransaction(() -> {
            int added = jdbc.update("""
                    INSERT INTO tenant_keys (api_key, tenant_id, secret_sha256)
                    SELECT ?, tenant_id, ? FROM tenants WHERE tenant_id = ?""", apiKey, secretDigest, tenantId);
            if (added == 1) {
                audit(actor, "key.issue", tenantId, Map.of("apiKey", apiKey));
            }
            return added == 1;
        });
    }

    @Override
    public boolean rotateKey(
            String tenantId, String apiKey, byte[] secretDigest, Instant previousValidUntil, String actor) {
        return inTransaction(() -> {
            int rotated = jdbc.update("""
                    UPDATE tenant_keys
                       SET previous_secret_sha256 = secret_sha256, previous_valid_until = ?, secret_sha256 = ?,
                           rotated_at = now()
                     WHERE tenant_id = ? AND api_key = ? AND revoked_at IS NULL""", Timestamp.from(previousValidUntil), secretDigest, tenantId, apiKey);
            if (rotated == 1) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("apiKey", apiKey);
                detail.put("previousValidUntil", previousValidUntil.toString());
                audit(actor, "key.rotate", tenantId, detail);
            }
            return rotated == 1;
        });
    }

    @Override
    public boolean revokeKey(String tenantId, String apiKey, String actor) {
        return inTransaction(() -> {
            int revoked = jdbc.update("""
                    UPDATE tenant_keys SET revoked_at = now(), previous_secret_sha256 = NULL, previous_valid_until = NULL
                     WHERE tenant_id = ? AND api_key = ? AND revoked_at IS NULL""", tenantId, apiKey);
            if (revoked == 1) {
                audit(actor, "key.revoke", tenantId, Map.of("apiKey", apiKey));
            }
            return revoked == 1;
        });
    }

    @Override
    public List<AuditRecord> audit(String tenantId, int limit) {
        return JdbcFailures.call(() -> jdbc.query(
                "SELECT id, at, actor, action, detail::text FROM tenant_audit WHERE tenant_id = ? ORDER BY id DESC"
                        + " LIMIT ?",
                (row, n) -> new AuditRecord(
                        row.getLong(1),
                        instant(row, 2),
                        row.getString(3),
                        row.getString(4),
                        tenantId,
                        WireCodec.mapper().readValue(row.getString(5), DETAIL)),
                tenantId,
                limit));
    }

    @Override
    public void bootstrap(String tenantId, String apiKey, byte[] secretDigest) {
        inTransaction(() -> {
            if (jdbc.update("INSERT INTO tenants (tenant_id) VALUES (?) ON CONFLICT DO NOTHING", tenantId) == 1) {
                audit(BOOTSTRAP_ACTOR, "tenant.create", tenantId, Map.of());
            }
            if (jdbc.update("""
                            INSERT INTO tenant_keys (api_key, tenant_id, secret_sha256) VALUES (?, ?, ?)
                            ON CONFLICT DO NOTHING""", apiKey, tenantId, secretDigest) == 1) {
                audit(BOOTSTRAP_ACTOR, "key.issue", tenantId, Map.of("apiKey", apiKey));
            }
            String owner =
                    jdbc.queryForObject("SELECT tenant_id FROM tenant_keys WHERE api_key = ?", String.class, apiKey);
            if (!tenantId.equals(owner)) {
                throw new IllegalStateException(
                        "The configured api-key of tenant " + tenantId + " belongs to another tenant");
            }
            return null;
        });
    }

    static final String BOOTSTRAP_ACTOR = "configuration";

    private void audit(String actor, String action, String tenantId, Map<String, ?> detail) {
        jdbc.update(
                "INSERT INTO tenant_audit (actor, action, tenant_id, detail) VALUES (?, ?, ?, ?::jsonb)",
                actor,
                action,
                tenantId,
                WireCodec.mapper().writeValueAsString(detail));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return JdbcFailures.call(() -> transactions.execute(status -> work.get()));
    }

    private static String encode(TenantLimits limits) {
        return WireCodec.mapper().writeValueAsString(limits);
    }

    private static TenantLimits limits(String json) {
        return WireCodec.mapper().readValue(json, TenantLimits.class);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp at = row.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
