package io.loyaltybatch.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.ProgramSettings;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ProgramPropertiesTest {

    /** The tenant's program as the environment gives it, the contract's defaults for a tenant it does not name. */
    private static Function<String, ProgramSettings> bind(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        ProgramProperties properties =
                new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("loyalty", ProgramProperties.class);
        return tenant -> properties.programs().getOrDefault(tenant, ProgramSettings.DEFAULTS);
    }

    @Test
    void environmentVariablesSetOneTenantsProgram() {
        Function<String, ProgramSettings> catalog = bind(Map.of(
                "LOYALTY_PROGRAMS_ACME_EARNPOINTS", "10",
                "LOYALTY_PROGRAMS_ACME_EARNPERAMOUNT", "2.50",
                "LOYALTY_PROGRAMS_ACME_REDEMPTIONFACTOR", "0.05",
                "LOYALTY_PROGRAMS_ACME_RETURNWINDOWDAYS", "14",
                "LOYALTY_PROGRAMS_ACME_AUTOCREATECUSTOMERS", "false",
                "LOYALTY_PROGRAMS_ACME_POINTSNAME", "Stars"));

        ProgramSettings acme = catalog.apply("acme");
        assertThat(acme.earnPoints()).isEqualTo(10);
        assertThat(acme.earnPerAmount()).isEqualByComparingTo("2.50");
        assertThat(acme.redemptionFactor()).isEqualByComparingTo("0.05");
        assertThat(acme.returnWindowDays()).isEqualTo(14);
        assertThat(acme.autoCreateCustomers()).isFalse();
        assertThat(acme.pointsName()).isEqualTo("Stars");
        assertThat(acme.currency()).isEqualTo("USD");
    }

    @Test
    void otherTenantsRunOnTheContractsDefaults() {
        ProgramSettings other =
                bind(Map.of("LOYALTY_PROGRAMS_ACME_EARNPOINTS", "10")).apply("globex");

        assertThat(List.of(other.currency(), other.pointsName())).containsExactly("USD", "Points");
        assertThat(other.pointsEarnedOn(new BigDecimal("99.99"))).isEqualTo(99);
        assertThat(other.pointsToRedeem(new BigDecimal("0.505"))).isEqualTo(51);
        assertThat(other.valueOf(164)).isEqualByComparingTo("1.64");
        assertThat(other.autoCreateCustomers()).isTrue();
        assertThat(other.returnWindowDays()).isZero();
    }
}
