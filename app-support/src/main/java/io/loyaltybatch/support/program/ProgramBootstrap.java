package io.loyaltybatch.support.program;

import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.support.config.ProgramProperties;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the programs of {@code loyalty.programs.*} to the database at startup, for tenants that have none yet: the
 * configuration only bootstraps (a demo, a test, a first start); once a tenant has a program, the admin API changes it
 * and the configuration never overwrites it. Each write is in the audit log, by {@code configuration}. Replicas that
 * start together write it once: the others find it written.
 */
public class ProgramBootstrap implements InitializingBean {

    public static final String ACTOR = "configuration";

    private static final Logger log = LoggerFactory.getLogger(ProgramBootstrap.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Map<String, ProgramSettings> programs;

    public ProgramBootstrap(JdbcTemplate jdbc, TransactionTemplate transactions, ProgramProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.programs = properties.programs() == null ? Map.of() : properties.programs();
    }

    @Override
    public void afterPropertiesSet() {
        programs.forEach((tenantId, settings) -> transactions.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO tenants (tenant_id) VALUES (?) ON CONFLICT DO NOTHING", tenantId);
            int written = jdbc.update("""
                    INSERT INTO programs (tenant_id, version, settings)
                    SELECT ?, 1, ?::jsonb WHERE NOT EXISTS (SELECT 1 FROM programs WHERE tenant_id = ?)
                    ON CONFLICT DO NOTHING""", tenantId, JdbcPrograms.encode(settings), tenantId);
            if (written == 1) {
                jdbc.update(
                        "INSERT INTO tenant_audit (actor, action, tenant_id, detail) VALUES (?, 'program.set', ?,"
                                + " jsonb_build_object('version', 1, 'settings', ?::jsonb))",
                        ACTOR,
                        tenantId,
                        JdbcPrograms.encode(settings));
                log.info("Program of tenant {} written from the configuration (version 1)", tenantId);
            }
        }));
    }
}
