package io.loyaltybatch.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * An admin body with a field the API does not know is refused, not half applied: a misspelt limit would otherwise
 * leave the tenant on the defaults while the operator believes it limited.
 */
class TenantAdminBodiesTest {

    private final InMemoryTenantStore store = new InMemoryTenantStore();
    private final TenantAdminController controller =
            new TenantAdminController(new TenantAdministration(store, Clock.systemUTC()));
    private final MockHttpServletRequest request = new MockHttpServletRequest();

    @Test
    void anUnknownFieldAnywhereInABodyIs422NamingIt() {
        assertRefused(
                () -> controller.create(body("{\"tenantId\": \"acme\", \"limts\": {\"burst\": 5}}"), request), "limts");
        assertRefused(
                () -> controller.create(body("{\"tenantId\": \"acme\", \"limits\": {\"brust\": 5}}"), request),
                "brust");
        assertThat(store.find("acme")).as("nothing was created").isEmpty();

        controller.create(body("{\"tenantId\": \"acme\", \"limits\": {\"burst\": 5}}"), request);
        assertRefused(() -> controller.setLimits("acme", body("{\"itemsPerDy\": 5}"), request), "itemsPerDy");
        assertRefused(() -> controller.setProgram("acme", body("{\"earnPoint\": 5}"), request), "earnPoint");
        assertThat(store.find("acme").orElseThrow().limits().burst()).isEqualTo(5);
    }

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_VALUE);
            assertThat(e.getMessage()).contains(field);
        });
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
