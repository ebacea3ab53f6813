package io.loyaltybatch.gateway.job;

import static io.loyaltybatch.support.RedisFailures.call;

import io.loyaltybatch.gateway.tenant.SecretDigest;
import io.loyaltybatch.model.JobKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Idempotency keys in Redis, stored as digests under the tenant's hash tag, valued
 * {@code jobId:requestDigest:P|C:reservedAtMillis} (pending or confirmed).
 */
@Component
class RedisIdempotencyStore implements IdempotencyStore {

    /** Deletes the key only if it still holds the value given, so a late failure never frees another's key. */
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", Long.class);

    private final StringRedisTemplate redis;

    RedisIdempotencyStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Optional<Entry> find(String tenantId, String key) {
        String value = call(() -> redis.opsForValue().get(redisKey(tenantId, key)));
        return Optional.ofNullable(value).map(RedisIdempotencyStore::decode);
    }

    @Override
    public boolean reserve(String tenantId, String key, Entry entry, Duration ttl) {
        return Boolean.TRUE.equals(
                call(() -> redis.opsForValue().setIfAbsent(redisKey(tenantId, key), encode(entry), ttl)));
    }

    @Override
    public void confirm(String tenantId, String key, Entry entry, Duration ttl) {
        Entry confirmed = new Entry(entry.jobId(), entry.requestDigest(), true, entry.reservedAt());
        call(() -> {
            redis.opsForValue().set(redisKey(tenantId, key), encode(confirmed), ttl);
            return null;
        });
    }

    @Override
    public void release(String tenantId, String key, Entry entry) {
        call(() -> redis.execute(RELEASE, List.of(redisKey(tenantId, key)), encode(entry)));
    }

    private static String encode(Entry entry) {
        return entry.jobId() + ":" + entry.requestDigest() + ":" + (entry.confirmed() ? "C" : "P") + ":"
                + entry.reservedAt().toEpochMilli();
    }

    /** Reads both forms: {@code jobId:digest:state:millis}, and the older {@code jobId:digest} (confirmed). */
    private static Entry decode(String value) {
        String[] parts = value.split(":");
        if (parts.length < 4) {
            return new Entry(Long.parseLong(parts[0]), parts[1], true, Instant.EPOCH);
        }
        return new Entry(
                Long.parseLong(parts[0]),
                parts[1],
                "C".equals(parts[2]),
                Instant.ofEpochMilli(Long.parseLong(parts[3])));
    }

    private static String redisKey(String tenantId, String key) {
        return JobKeys.idempotency(tenantId, SecretDigest.sha256Hex(key));
    }
}
