package io.loyaltybatch.gateway.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.model.WireCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link TenantStore} does; run against the in-memory one and against PostgreSQL. */
abstract class TenantStoreContract {

    abstract TenantStore store();

    private static String newTenant() {
        return "t-" + UUID.randomUUID();
    }

    private static ProgramSettings earning(long points) {
        return new ProgramSettings("EUR", "Stars", points, BigDecimal.ONE, null, null, null);
    }

    @Test
    void aTenantIsCreatedOnceWithItsLimitsLaneAndTheDefaultProgram() {
        String tenant = newTenant();
        TenantLimits limits = new TenantLimits(5, 10, 2, 1000L, null);

        assertThat(store().createTenant(tenant, limits, "lane-1", "alice")).isTrue();
        assertThat(store().createTenant(tenant, TenantLimits.NONE, null, "bob")).isFalse();

        TenantStore.TenantView view = store().find(tenant).orElseThrow();
        assertThat(view.limits()).isEqualTo(limits);
        assertThat(view.lane()).isEqualTo("lane-1");
        String apiKey = "k-" + UUID.randomUUID();
        store().addKey(tenant, apiKey, SecretDigest.sha256("secret"), "alice");
        assertThat(active(apiKey).lane())
                .as("what a gateway reads with the key")
                .isEqualTo("lane-1");
        assertThat(view.programVersion()).isZero();
        assertThat(view.program()).isEqualTo(ProgramSettings.DEFAULTS);
        assertThat(view.keys()).isEmpty();
        assertThat(store().find(newTenant())).isEmpty();
    }

    @Test
    void programVersionsCountUpAndTheLatestIsCurrent() {
        String tenant = newTenant();
        store().createTenant(tenant, TenantLimits.NONE, null, "alice");

        assertThat(store().writeProgram(tenant, earning(2), "alice")).contains(1);
        assertThat(store().writeProgram(tenant, earning(3), "alice")).contains(2);
        assertThat(store().writeProgram(newTenant(), earning(3), "alice")).isEmpty();

        TenantStore.TenantView view = store().find(tenant).orElseThrow();
        assertThat(view.programVersion()).isEqualTo(2);
        assertThat(view.program().earnPoints()).isEqualTo(3);
    }

    @Test
    void aKeyIsActiveUntilRevokedAndARotationKeepsThePreviousSecretWithItsEnd() {
        String tenant = newTenant();
        String apiKey = "k-" + UUID.randomUUID();
        store().createTenant(tenant, new TenantLimits(7, null, null, null, null), null, "alice");
        byte[] first = SecretDigest.sha256("first");
        byte[] second = SecretDigest.sha256("second");
        Instant until = Instant.parse("2030-01-01T00:00:00Z");

        assertThat(store().addKey(tenant, apiKey, first, "alice")).isTrue();
        assertThat(store().addKey(newTenant(), "k-" + UUID.randomUUID(), first, "alice"))
                .as("no such tenant")
                .isFalse();
        assertThat(active(apiKey).secretDigest()).isEqualTo(first);
        assertThat(active(apiKey).limits().requestsPerSecond()).isEqualTo(7);

        assertThat(store().rotateKey(tenant, apiKey, second, until, "bob")).isTrue();
        assertThat(store().rotateKey(newTenant(), apiKey, second, until, "bob"))
                .as("another tenant's key")
                .isFalse();
        TenantStore.ActiveKey rotated = active(apiKey);
        assertThat(rotated.secretDigest()).isEqualTo(second);
        assertThat(rotated.previousDigest()).isEqualTo(first);
        assertThat(rotated.previousValidUntil()).isEqualTo(until);

        assertThat(store().revokeKey(tenant, apiKey, "carol")).isTrue();
        assertThat(store().revokeKey(tenant, apiKey, "carol"))
                .as("revoked already")
                .isFalse();
        assertThat(store().activeKeys()).noneMatch(key -> key.apiKey().equals(apiKey));
        assertThat(store().rotateKey(tenant, apiKey, first, until, "bob")).isFalse();
        assertThat(store().find(tenant).orElseThrow().keys()).singleElement().satisfies(key -> {
            assertThat(key.apiKey()).isEqualTo(apiKey);
            assertThat(key.revokedAt()).isNotNull();
            assertThat(key.rotatedAt()).isNotNull();
        });
    }

    @Test
    void everyChangeIsAuditedNewestFirstByWhoMadeItWithoutASecretOrItsDigest() {
        String tenant = newTenant();
        String apiKey = "k-" + UUID.randomUUID();
        byte[] digest = SecretDigest.sha256("the-secret");
        store().createTenant(tenant, TenantLimits.NONE, null, "alice");
        store().writeProgram(tenant, earning(2), "bob");
        store().setLimits(tenant, new TenantLimits(1, null, null, null, null), "bob");
        store().addKey(tenant, apiKey, digest, "carol");
        store().rotateKey(tenant, apiKey, SecretDigest.sha256("next"), Instant.now(), "carol");
        store().revokeKey(tenant, apiKey, "dave");

        assertThat(store().audit(tenant, 100))
                .extracting(TenantStore.AuditRecord::action, TenantStore.AuditRecord::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("key.revoke", "dave"),
                        org.assertj.core.groups.Tuple.tuple("key.rotate", "carol"),
                        org.assertj.core.groups.Tuple.tuple("key.issue", "carol"),
                        org.assertj.core.groups.Tuple.tuple("limits.set", "bob"),
                        org.assertj.core.groups.Tuple.tuple("program.set", "bob"),
                        org.assertj.core.groups.Tuple.tuple("tenant.create", "alice"));
        assertThat(store().audit(tenant, 2)).hasSize(2);
        String written = WireCodec.mapper().writeValueAsString(store().audit(tenant, 100));
        assertThat(written)
                .contains(apiKey)
                .doesNotContain("the-secret")
                .doesNotContain(java.util.HexFormat.of().formatHex(digest))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(digest));
    }

    @Test
    void theConfigurationBootstrapsWhatIsMissingAndNeverOverwrites() {
        String tenant = newTenant();
        String apiKey = "k-" + UUID.randomUUID();
        store().bootstrap(tenant, apiKey, SecretDigest.sha256("configured"));
        store().revokeKey(tenant, apiKey, "alice");

        store().bootstrap(tenant, apiKey, SecretDigest.sha256("configured"));

        assertThat(store().activeKeys()).noneMatch(key -> key.apiKey().equals(apiKey));
        assertThatThrownBy(() -> store().bootstrap(newTenant(), apiKey, SecretDigest.sha256("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to another tenant");
    }

    private TenantStore.ActiveKey active(String apiKey) {
        return store().activeKeys().stream()
                .filter(key -> key.apiKey().equals(apiKey))
                .findFirst()
                .orElseThrow();
    }
}
