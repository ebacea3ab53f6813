package io.loyaltybatch.gateway.customer;

import io.loyaltybatch.model.ProgramCatalog;
import io.loyaltybatch.model.ProgramSettings;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Program settings per tenant ({@code loyalty.programs.<tenantId>.*}, the same properties the workers read), for
 * the values and names in balance answers.
 */
@ConfigurationProperties("loyalty")
public record ProgramProperties(Map<String, ProgramSettings> programs) {

    @Configuration(proxyBeanMethods = false)
    static class CatalogConfig {

        @Bean
        ProgramCatalog programCatalog(ProgramProperties properties) {
            return new ProgramCatalog(properties.programs());
        }
    }
}
