package io.loyaltybatch.worker.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.worker.Items;
import io.loyaltybatch.worker.progress.ProgressStore.JobEnd;
import io.loyaltybatch.worker.progress.ProgressStore.JobItemResult;
import io.loyaltybatch.worker.progress.ProgressStore.StartDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What every {@link ProgressStore} does; run against the in-memory fake and the Redis adapter alike. */
abstract class ProgressStoreContract {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000 + 500_000);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    abstract ProgressStore store();

    /** Writes a queued job of the tenant, as the gateway would. */
    abstract void createJob(long jobId, String tenantId, int itemCount);

    abstract JobStatus status(long jobId);

    /** Results of the job as stored, one per index. */
    abstract List<ItemResult> results(long jobId);

    /** Items kept for a retry, by index. */
    abstract Map<Integer, ItemEnvelope> keptForRetry(long jobId);

    private static ItemEnvelope item(String tenantId, long jobId, int index) {
        return ItemEnvelope.of(tenantId, jobId, index, ItemType.CUSTOMERS, "c" + index, Items.profile(Map.of()));
    }

    private static JobItemResult ok(long jobId, int index) {
        return new JobItemResult(jobId, ItemResult.success(index, "c" + index, "Customer created successfully"));
    }

    private static JobItemResult failed(long jobId, int index) {
        return new JobItemResult(
                jobId,
                ItemResult.failure(index, "c" + index, ErrorCode.ITEM_NOT_PROCESSED, "Item could not be processed"));
    }

    @Test
    void anItemIsKeptForARetryWithItsJobOnly() {
        long jobId = IDS.incrementAndGet();
        long unknown = IDS.incrementAndGet();
        createJob(jobId, "acme", 3);
        ItemEnvelope kept = item("acme", jobId, 2);

        store().keepForRetry(kept);
        store().keepForRetry(kept);
        store().keepForRetry(item("acme", unknown, 0));

        assertThat(keptForRetry(jobId)).containsExactly(Map.entry(2, kept));
        assertThat(keptForRetry(unknown)).isEmpty();
    }

    @Test
    void takingUpItemsMovesAQueuedJobToRunningForItsOwnTenantOnly() {
        long jobId = IDS.incrementAndGet();
        long unknown = IDS.incrementAndGet();
        createJob(jobId, "acme", 2);

        List<StartDecision> decisions = store().claimStarts(
                        List.of(item("acme", jobId, 0), item("globex", jobId, 1), item("acme", unknown, 0)), NOW);

        assertThat(decisions)
                .containsExactly(StartDecision.APPLY, StartDecision.UNKNOWN_JOB, StartDecision.UNKNOWN_JOB);
        assertThat(status(jobId)).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void eachIndexCountsOnceAndTheLastOneEndsTheJobOnce() {
        long jobId = IDS.incrementAndGet();
        createJob(jobId, "acme", 2);
        store().claimStarts(List.of(item("acme", jobId, 0)), NOW);

        assertThat(store().record(List.of(ok(jobId, 0), ok(jobId, 0)), NOW)).isEmpty();
        List<JobEnd> ends = store().record(List.of(failed(jobId, 1), ok(jobId, 0)), NOW);
        List<JobEnd> again = store().record(List.of(failed(jobId, 1)), NOW);

        assertThat(ends).extracting(JobEnd::jobId, JobEnd::status).containsExactly(tuple(jobId, JobStatus.COMPLETED));
        assertThat(ends.get(0).createdAt()).isNotNull();
        assertThat(again).isEmpty();
        assertThat(status(jobId)).isEqualTo(JobStatus.COMPLETED);
        assertThat(results(jobId)).extracting(ItemResult::index).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void aJobWhoseItemsAllFailedEndsFailedEvenIfNoWorkerTookItUp() {
        long jobId = IDS.incrementAndGet();
        createJob(jobId, "acme", 1);

        List<JobEnd> ends = store().record(List.of(failed(jobId, 0)), NOW);

        assertThat(ends).extracting(JobEnd::jobId, JobEnd::status).containsExactly(tuple(jobId, JobStatus.FAILED));
        assertThat(status(jobId)).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void resultsOfAnUnknownJobEndNothing() {
        assertThat(store().record(List.of(ok(IDS.incrementAndGet(), 0)), NOW)).isEmpty();
    }
}
