package io.loyaltybatch.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link IdempotencyStore} does; run against the in-memory fake and the Redis adapter alike. */
abstract class IdempotencyStoreContract {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Instant RESERVED = Instant.parse("2026-12-01T10:00:00.123Z");

    abstract IdempotencyStore store();

    private final String key = "key-" + UUID.randomUUID();

    private static IdempotencyStore.Entry pending(long jobId) {
        return new IdempotencyStore.Entry(jobId, "digest+/=", false, RESERVED);
    }

    @Test
    void aKeyIsReservedOncePendingThenConfirmed() {
        assertThat(store().find("acme", key)).isEmpty();

        assertThat(store().reserve("acme", key, pending(7), TTL)).isTrue();
        assertThat(store().reserve("acme", key, pending(8), TTL)).isFalse();
        assertThat(store().find("acme", key)).contains(pending(7));

        store().confirm("acme", key, pending(7), TTL);
        assertThat(store().find("acme", key)).contains(new IdempotencyStore.Entry(7, "digest+/=", true, RESERVED));
    }

    @Test
    void keysBelongToOneTenant() {
        store().reserve("acme", key, pending(7), TTL);

        assertThat(store().find("globex", key)).isEmpty();
        assertThat(store().reserve("globex", key, pending(9), TTL)).isTrue();
    }

    @Test
    void aKeyIsReleasedOnlyByTheRequestThatHoldsIt() {
        store().reserve("acme", key, pending(7), TTL);

        store().release("acme", key, pending(8));
        assertThat(store().find("acme", key)).isPresent();

        store().release("acme", key, pending(7));
        assertThat(store().find("acme", key)).isEmpty();
    }
}
