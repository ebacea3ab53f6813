package io.loyaltybatch.worker;

import io.loyaltybatch.support.config.SharedConfiguration;
import io.loyaltybatch.support.program.ProgramConfiguration;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The worker side: consumes items from Kafka, applies them to PostgreSQL and reports progress to Redis. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({SharedConfiguration.class, ProgramConfiguration.class})
@EnableScheduling
public class WorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
