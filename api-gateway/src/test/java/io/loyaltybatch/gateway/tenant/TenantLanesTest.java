package io.loyaltybatch.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The lane a tenant is created on, fixed for its life (docs/fair-share.md). */
class TenantLanesTest {

    private final InMemoryTenantStore store = new InMemoryTenantStore();
    private final TenantAdministration administration = new TenantAdministration(store, Clock.systemUTC());

    @Test
    void aTenantGetsALaneOfItsOwnUnlessItAsksForTheDefaultOrANamedOne() {
        assertThat(administration.create("acme", null, null, null, "root").lane())
                .isEqualTo("acme");
        assertThat(administration.create("acme.eu_2", null, null, null, "root").lane())
                .as("'.' and '_' are '-' in a lane: Kafka takes topics that differ only in them for one")
                .isEqualTo("acme-eu-2");
        assertThat(administration
                        .create("small-1", null, null, "default", "root")
                        .lane())
                .as("the default lane")
                .isNull();
        assertThat(administration
                        .create("small-2", null, null, "shared-small", "root")
                        .lane())
                .isEqualTo("shared-small");
        assertThat(store.activeKeys()).isEmpty();
    }

    @Test
    void aLaneThatIsNoTopicNameIsRefusedWithTheContractsCode() {
        for (String lane : new String[] {"", "Upper", "with.dot", "-leading", "x".repeat(64), "nul\u0000"}) {
            assertThatThrownBy(() -> administration.create("t-" + lane.hashCode(), null, null, lane, "root"))
                    .as(lane)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
                    });
        }
        assertThat(store.find("t-" + "Upper".hashCode()))
                .as("nothing was created")
                .isEmpty();
    }
}
