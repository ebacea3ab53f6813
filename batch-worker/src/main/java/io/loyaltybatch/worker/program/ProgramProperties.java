package io.loyaltybatch.worker.program;

import io.loyaltybatch.model.ProgramCatalog;
import io.loyaltybatch.model.ProgramSettings;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Program settings per tenant: {@code loyalty.programs.<tenantId>.earn-points}, {@code .earn-per-amount},
 * {@code .redemption-factor}, {@code .return-window-days}, {@code .auto-create-customers}, {@code .currency},
 * {@code .points-name}. Unset values take the contract's defaults (the gateway reads the same properties).
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
