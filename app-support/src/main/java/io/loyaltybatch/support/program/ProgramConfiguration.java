package io.loyaltybatch.support.program;

import io.loyaltybatch.support.config.ProgramProperties;
import io.loyaltybatch.support.config.TenantCacheProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Programs read from PostgreSQL, bootstrapped from the configuration; both applications import it. */
@Configuration(proxyBeanMethods = false)
public class ProgramConfiguration {

    @Bean
    ProgramBootstrap programBootstrap(
            JdbcTemplate jdbc, TransactionTemplate transactions, ProgramProperties properties) {
        return new ProgramBootstrap(jdbc, transactions, properties);
    }

    /** After the bootstrap, so that the first read sees the configured programs. */
    @Bean
    Programs programs(JdbcTemplate jdbc, TenantCacheProperties cache, ProgramBootstrap bootstrap) {
        return new JdbcPrograms(jdbc, cache);
    }
}
