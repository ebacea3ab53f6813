package io.loyaltybatch.support.config;

import io.loyaltybatch.model.ProgramSettings;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Program settings per tenant: {@code loyalty.programs.<tenantId>.earn-points}, {@code .earn-per-amount},
 * {@code .redemption-factor}, {@code .return-window-days}, {@code .auto-create-customers}, {@code .currency},
 * {@code .points-name}. Unset values take the contract's defaults. The workers apply them; the gateway shows them in
 * balance answers.
 */
@ConfigurationProperties("loyalty")
public record ProgramProperties(Map<String, ProgramSettings> programs) {}
