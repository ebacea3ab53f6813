package io.loyaltybatch.gateway.job;

/** The idempotency store contract against the in-memory fake the use-case tests run on. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {

    private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();

    @Override
    IdempotencyStore store() {
        return store;
    }
}
