package io.loyaltybatch.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** A rotation keeps the previous secret for its grace period; a second one must not cut that period short. */
class KeyRotationTest {

    private final InMemoryTenantStore store = new InMemoryTenantStore();
    private final TenantAdministration administration = new TenantAdministration(store, Clock.systemUTC());

    @Test
    void aRotationWithGraceWhileAnotherGraceRunsIs409AndOneWithoutGraceEndsEveryPreviousSecret() {
        administration.create("acme", null, null, null, "root");
        TenantAdministration.IssuedKey first = administration.issueKey("acme", "root");
        TenantAdministration.IssuedKey second =
                administration.rotateKey("acme", first.apiKey(), Duration.ofHours(1), "root");

        assertThatThrownBy(() -> administration.rotateKey("acme", first.apiKey(), Duration.ofHours(1), "root"))
                .as("clients still on the first secret would lose it before the hour they were given")
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).contains("graceSeconds 0");
                });
        assertThat(active(first.apiKey()).secretDigest())
                .as("nothing changed")
                .isEqualTo(SecretDigest.sha256(second.secretKey()));

        TenantAdministration.IssuedKey third = administration.rotateKey("acme", first.apiKey(), Duration.ZERO, "root");
        assertThat(active(first.apiKey()).secretDigest()).isEqualTo(SecretDigest.sha256(third.secretKey()));
        assertThat(administration.rotateKey("acme", first.apiKey(), Duration.ofHours(1), "root"))
                .as("with no grace running, a rotation with grace is taken")
                .isNotNull();
    }

    private TenantStore.ActiveKey active(String apiKey) {
        return store.activeKeys().stream()
                .filter(k -> k.apiKey().equals(apiKey))
                .findFirst()
                .orElseThrow();
    }
}
