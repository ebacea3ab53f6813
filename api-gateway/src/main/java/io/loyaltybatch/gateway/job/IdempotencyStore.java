package io.loyaltybatch.gateway.job;

import io.loyaltybatch.support.EngineUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers which job an {@code Idempotency-Key} of a tenant created, a digest of the request that carried it, and
 * whether that job is known to be durable. Throws {@link EngineUnavailableException} when the store cannot serve.
 */
public interface IdempotencyStore {

    /**
     * @param confirmed  whether the job was fully accepted (its items durable and visible); while false, the request
     *                   that reserved the key may still be running, or may have failed
     * @param reservedAt when the key was reserved
     */
    record Entry(long jobId, String requestDigest, boolean confirmed, Instant reservedAt) {}

    Optional<Entry> find(String tenantId, String key);

    /** Claims the key for a job about to be created, unconfirmed, for {@code ttl}; false if the key is taken. */
    boolean reserve(String tenantId, String key, Entry entry, Duration ttl);

    /** Marks the key's job as fully accepted, kept for {@code ttl}. */
    void confirm(String tenantId, String key, Entry entry, Duration ttl);

    /** Frees a key whose request failed, if it still holds {@code entry}. */
    void release(String tenantId, String key, Entry entry);
}
