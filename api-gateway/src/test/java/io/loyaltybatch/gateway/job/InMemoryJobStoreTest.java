package io.loyaltybatch.gateway.job;

/** The job store contract against the in-memory fake the use-case tests run on. */
class InMemoryJobStoreTest extends JobStoreContract {

    private final InMemoryJobStore store = new InMemoryJobStore();

    @Override
    JobStore store() {
        return store;
    }

    @Override
    void keepForRetry(io.loyaltybatch.model.ItemEnvelope item) {
        store.keep(item);
    }
}
