package io.loyaltybatch.gateway.ops;

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
}
