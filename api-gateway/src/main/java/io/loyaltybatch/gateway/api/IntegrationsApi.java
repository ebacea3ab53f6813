package io.loyaltybatch.gateway.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller of the contract's API: its mappings are served under {@link #PREFIX}, which stands for every
 * equivalent prefix of the contract ({@code /api/v4.0/integrations}, {@code /api/v4/integrations},
 * {@code /api/v4.1/integrations}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface IntegrationsApi {

    /** The contract's prefixes as one path pattern. */
    String PREFIX = "/api/{apiVersion:v4|v4\\.0|v4\\.1}/integrations";

    /** Every path under {@link #PREFIX}. */
    String ALL_PATHS = PREFIX + "/**";
}
