package io.loyaltybatch.gateway.tenant;

import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.PostgresEngine;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link TenantStoreContract} on the tables of a migrated PostgreSQL server. */
class JdbcTenantStoreIT extends TenantStoreContract {

    static JdbcTenantStore store;

    @BeforeAll
    static void database() {
        PostgresEngine postgres = LocalEngines.shared().postgres();
        var dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        store = new JdbcTenantStore(
                new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @Override
    TenantStore store() {
        return store;
    }
}
