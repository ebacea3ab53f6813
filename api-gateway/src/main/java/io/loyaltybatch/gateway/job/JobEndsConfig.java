package io.loyaltybatch.gateway.job;

import io.loyaltybatch.support.JdbcJobEnds;
import io.loyaltybatch.support.JobEnds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Stops are recorded in the ledger, fenced from the workers applying the job's items. */
@Configuration(proxyBeanMethods = false)
class JobEndsConfig {

    @Bean
    JobEnds jobEnds(JdbcTemplate jdbc, TransactionTemplate transaction, GatewayProperties properties) {
        return new JdbcJobEnds(jdbc, transaction, properties.stopWait());
    }
}
