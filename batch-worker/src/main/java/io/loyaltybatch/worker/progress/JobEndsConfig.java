package io.loyaltybatch.worker.progress;

import io.loyaltybatch.support.JdbcJobEnds;
import io.loyaltybatch.support.JobEnds;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The watchdog records the jobs it fails in the ledger, fenced from the workers applying their items. */
@Configuration(proxyBeanMethods = false)
class JobEndsConfig {

    @Bean
    JobEnds jobEnds(JdbcTemplate jdbc, TransactionTemplate transaction, WatchdogProperties properties) {
        return new JdbcJobEnds(jdbc, transaction, properties.endWait());
    }
}
