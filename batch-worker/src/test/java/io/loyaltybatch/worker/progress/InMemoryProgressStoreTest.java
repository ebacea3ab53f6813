package io.loyaltybatch.worker.progress;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.JobStatus;
import java.util.List;
import java.util.Map;

/** The progress store contract against the in-memory fake the use-case tests run on. */
class InMemoryProgressStoreTest extends ProgressStoreContract {

    private final InMemoryProgressStore store = new InMemoryProgressStore();

    @Override
    ProgressStore store() {
        return store;
    }

    @Override
    void createJob(long jobId, String tenantId, int itemCount) {
        store.createJob(jobId, tenantId, itemCount);
    }

    @Override
    JobStatus status(long jobId) {
        return store.job(jobId).status();
    }

    @Override
    List<ItemResult> results(long jobId) {
        return store.job(jobId).results();
    }

    @Override
    Map<Integer, ItemEnvelope> keptForRetry(long jobId) {
        return store.keptForRetry.getOrDefault(jobId, Map.of());
    }
}
