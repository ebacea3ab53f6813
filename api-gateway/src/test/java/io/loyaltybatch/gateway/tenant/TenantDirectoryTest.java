package io.loyaltybatch.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.support.config.TenantCacheProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantDirectoryTest {

    private final InMemoryTenantStore store = new InMemoryTenantStore();

    private TenantDirectory directory(boolean demo) {
        return new TenantDirectory(
                new TenantProperties(Map.of(), new TenantProperties.DemoTenant(demo)),
                store,
                new TenantCacheProperties(Duration.ofSeconds(5)),
                Clock.systemUTC());
    }

    @Test
    void theDemoKeyWorksOnlyOnAGatewayWithTheDemoTenantEnabled() {
        // a gateway with the demo tenant wrote its public key pair to the shared database
        TenantDirectory local = directory(true);
        assertThat(local.authenticate(TenantDirectory.DEMO_API_KEY, TenantDirectory.DEMO_SECRET_KEY)
                        .id())
                .isEqualTo("demo");

        TenantDirectory production = directory(false);
        assertThatThrownBy(() -> production.authenticate(TenantDirectory.DEMO_API_KEY, TenantDirectory.DEMO_SECRET_KEY))
                .as("a key pair anyone can read in the README opens nothing where the demo is off")
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_API_KEY));
    }
}
