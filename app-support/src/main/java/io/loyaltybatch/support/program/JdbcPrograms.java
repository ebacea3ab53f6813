package io.loyaltybatch.support.program;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.JdbcFailures;
import io.loyaltybatch.support.config.TenantCacheProperties;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Programs from the {@code programs} table. Current versions are cached for the tenant cache's time to live; a
 * written version never changes, so it is cached until it is no longer used.
 */
public class JdbcPrograms implements Programs {

    private static final Logger log = LoggerFactory.getLogger(JdbcPrograms.class);

    private record VersionKey(String tenantId, int version) {}

    private final JdbcTemplate jdbc;
    private final LoadingCache<String, Program> current;
    private final LoadingCache<VersionKey, ProgramSettings> versions;

    public JdbcPrograms(JdbcTemplate jdbc, TenantCacheProperties cache) {
        this.jdbc = jdbc;
        this.current = Caffeine.newBuilder()
                .expireAfterWrite(cache.ttl())
                .maximumSize(100_000)
                .build(this::loadCurrent);
        this.versions = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofHours(1))
                .maximumSize(100_000)
                .build(this::loadVersion);
    }

    @Override
    public Program current(String tenantId) {
        return current.get(tenantId);
    }

    @Override
    public ProgramSettings settings(String tenantId, int version) {
        return version == 0 ? current(tenantId).settings() : versions.get(new VersionKey(tenantId, version));
    }

    private Program loadCurrent(String tenantId) {
        List<Program> found = JdbcFailures.call(() -> jdbc.query(
                "SELECT version, settings::text FROM programs WHERE tenant_id = ? ORDER BY version DESC LIMIT 1",
                (row, n) -> new Program(row.getInt(1), decode(row.getString(2))),
                tenantId));
        return found.isEmpty() ? Program.DEFAULTS : found.get(0);
    }

    private ProgramSettings loadVersion(VersionKey key) {
        List<ProgramSettings> found = JdbcFailures.call(() -> jdbc.query(
                "SELECT settings::text FROM programs WHERE tenant_id = ? AND version = ?",
                (row, n) -> decode(row.getString(1)),
                key.tenantId(),
                key.version()));
        if (found.isEmpty()) {
            // versions are never deleted, so only an envelope not written by a gateway names one that is missing: its
            // items run under the current program rather than stall their partition
            log.warn("Program version {} of a tenant does not exist; the current one applies", key.version());
            return loadCurrent(key.tenantId()).settings();
        }
        return found.get(0);
    }

    /** A program's settings as stored: the JSON object of {@link ProgramSettings}. */
    public static ProgramSettings decode(String json) {
        return WireCodec.mapper().readValue(json, ProgramSettings.class);
    }

    public static String encode(ProgramSettings settings) {
        return WireCodec.mapper().writeValueAsString(settings);
    }
}
