package io.loyaltybatch.support.config;

import io.loyaltybatch.model.ProgramCatalog;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The configuration both applications read the same way; each imports it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ItemsTopicProperties.class, JobsProperties.class, ProgramProperties.class})
public class SharedConfiguration {

    @Bean
    ProgramCatalog programCatalog(ProgramProperties properties) {
        return new ProgramCatalog(properties.programs());
    }
}
