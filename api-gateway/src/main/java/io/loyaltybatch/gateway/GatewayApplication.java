package io.loyaltybatch.gateway;

import io.loyaltybatch.support.config.SharedConfiguration;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The HTTP side: accepts batch jobs, answers their status and stops them. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SharedConfiguration.class)
@EnableScheduling
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The gateway's transactions are PostgreSQL's. Its Kafka producer is transactional, so Boot would otherwise make a
     * {@code KafkaTransactionManager} the only transaction manager and leave the JDBC one out: every
     * {@code TransactionTemplate} (a stop's fence, key rotations, the program bootstrap) would then run its statements
     * one by one, each committed on its own, and a stop's exclusive lock would end before its record.
     */
    @Bean
    @Primary
    JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }
}
