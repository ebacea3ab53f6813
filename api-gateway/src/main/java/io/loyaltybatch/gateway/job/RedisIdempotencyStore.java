package io.loyaltybatch.gateway.job;

import static io.loyaltybatch.gateway.job.RedisJobStore.call;

import io.loyaltybatch.gateway.tenant.SecretDigest;
import io.loyaltybatch.model.JobKeys;
import java.time.Duration;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Idempotency keys in Redis, stored as digests under the tenant's hash tag, valued {@code jobId:requestDigest}. */
@Component
class RedisIdempotencyStore implements IdempotencyStore {

    private final StringRedisTemplate redis;

    RedisIdempotencyStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Optional<Entry> find(String tenantId, String key) {
        String value = call(() -> redis.opsForValue().get(redisKey(tenantId, key)));
        if (value == null) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        return Optional.of(new Entry(Long.parseLong(value.substring(0, colon)), value.substring(colon + 1)));
    }

    @Override
    public boolean reserve(String tenantId, String key, Entry entry, Duration pendingTtl) {
        Boolean set = call(() -> redis.opsForValue()
                .setIfAbsent(redisKey(tenantId, key), entry.jobId() + ":" + entry.requestDigest(), pendingTtl));
        return Boolean.TRUE.equals(set);
    }

    @Override
    public void confirm(String tenantId, String key, Duration ttl) {
        call(() -> redis.expire(redisKey(tenantId, key), ttl));
    }

    @Override
    public void release(String tenantId, String key) {
        call(() -> redis.delete(redisKey(tenantId, key)));
    }

    private static String redisKey(String tenantId, String key) {
        return JobKeys.idempotency(tenantId, SecretDigest.sha256Hex(key));
    }
}
