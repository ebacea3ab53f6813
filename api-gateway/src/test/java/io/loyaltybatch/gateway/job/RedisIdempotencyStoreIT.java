package io.loyaltybatch.gateway.job;

import io.loyaltybatch.support.testing.RedisTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The idempotency store contract against the Redis adapter and a real Redis server. */
class RedisIdempotencyStoreIT extends IdempotencyStoreContract {

    private static RedisTemplates redis;
    private static RedisIdempotencyStore store;

    @BeforeAll
    static void connect() {
        redis = RedisTemplates.toSharedEngine();
        store = new RedisIdempotencyStore(redis.template());
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Override
    IdempotencyStore store() {
        return store;
    }
}
