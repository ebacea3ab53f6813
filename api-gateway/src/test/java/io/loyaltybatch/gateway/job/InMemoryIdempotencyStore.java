package io.loyaltybatch.gateway.job;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link IdempotencyStore} in memory, for use-case tests. */
class InMemoryIdempotencyStore implements IdempotencyStore {

    final Map<String, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> find(String tenantId, String key) {
        return Optional.ofNullable(entries.get(tenantId + "/" + key));
    }

    @Override
    public boolean reserve(String tenantId, String key, Entry entry, Duration ttl) {
        return entries.putIfAbsent(tenantId + "/" + key, entry) == null;
    }

    @Override
    public void confirm(String tenantId, String key, Entry entry, Duration ttl) {
        entries.put(tenantId + "/" + key, new Entry(entry.jobId(), entry.requestDigest(), true, entry.reservedAt()));
    }

    @Override
    public void release(String tenantId, String key, Entry entry) {
        entries.remove(tenantId + "/" + key, entry);
    }
}
