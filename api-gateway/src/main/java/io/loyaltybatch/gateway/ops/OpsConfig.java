package io.loyaltybatch.gateway.ops;

import io.loyaltybatch.support.kafka.KafkaHealthIndicator;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class OpsConfig {

    /** The admin client that reads the workers' consumer group from the broker; closed with the application. */
    @Bean(destroyMethod = "close")
    Admin groupAdmin(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    /** Kafka in the gateway's readiness: without it no job can be accepted. */
    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties());
    }
}
