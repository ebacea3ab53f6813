package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.DependencyUnavailableException;
import java.time.Duration;
import java.util.Optional;

/**
 * Remembers which job an {@code Idempotency-Key} of a tenant created, and a digest of the request that carried it.
 * Throws {@link DependencyUnavailableException} when the store cannot be reached.
 */
public interface IdempotencyStore {

    record Entry(long jobId, String requestDigest) {}

    Optional<Entry> find(String tenantId, String key);

    /** Claims the key for a job about to be created; false if the key is already taken. */
    boolean reserve(String tenantId, String key, Entry entry, Duration pendingTtl);

    /** Keeps the key for its full lifetime once its job is durable. */
    void confirm(String tenantId, String key, Duration ttl);

    /** Frees a key whose request failed. */
    void release(String tenantId, String key);
}
