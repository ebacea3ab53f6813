package io.loyaltybatch.gateway;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The gateway's transactions are PostgreSQL's. Its Kafka producer is transactional, so Boot would otherwise make a
 * {@code KafkaTransactionManager} the only transaction manager and leave the JDBC one out: every
 * {@code TransactionTemplate} (a stop's fence, key rotations, the program bootstrap) would then run its statements one
 * by one, each committed on its own, and a stop's exclusive lock would end before its record. (The items go to Kafka
 * in transactions of the {@code KafkaTemplate}'s own.)
 */
@Configuration(proxyBeanMethods = false)
class TransactionsConfig {

    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
