package io.loyaltybatch.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.LedgerItems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} does; run against the in-memory fake and the Redis adapter alike. */
abstract class JobStoreContract {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00.750Z");

    abstract JobStore store();

    /** Keeps an item of a job for a retry, as a worker does with an item that failed with 5000. */
    abstract void keepForRetry(ItemEnvelope item);

    private static NewJob job(long jobId, int itemCount, int rejected) {
        List<ItemResult> failed = java.util.stream.IntStream.range(0, rejected)
                .mapToObj(i -> ItemResult.failure(i, "c" + i, ErrorCode.MISSING_FIELD, "orderId is required"))
                .toList();
        return new NewJob(jobId, "acme", ItemType.ORDERS, itemCount, CREATED, failed);
    }

    @Test
    void aNewJobIsQueuedWithItsRejectedItemsAndReadByItsOwnerOnly() {
        long jobId = IDS.incrementAndGet();
        store().create(job(jobId, 3, 1));

        JobSnapshot job = store().find("acme", jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.itemCount()).isEqualTo(3);
        assertThat(job.errors()).isEqualTo(1);
        assertThat(job.finished()).isZero();
        assertThat(job.createdAt()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(job.completedAt()).isNull();
        assertThat(job.results())
                .singleElement()
                .satisfies(r -> assertThat(r.index()).isZero());
        assertThat(store().find("globex", jobId)).isEmpty();
        assertThat(store().header("globex", jobId)).isEmpty();
        assertThat(store().find("acme", IDS.incrementAndGet())).isEmpty();
    }

    @Test
    void aJobWhoseItemsWereAllRejectedEndsFailedAtOnce() {
        long jobId = IDS.incrementAndGet();
        store().create(job(jobId, 2, 2));

        JobSnapshot job = store().find("acme", jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.completedAt()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(store().stop("acme", jobId, 0, CREATED)).isEqualTo(JobStore.StopOutcome.FINISHED);
    }

    @Test
    void anIdIsCreatedOnce() {
        long jobId = IDS.incrementAndGet();
        store().create(job(jobId, 1, 0));

        assertThatThrownBy(() -> store().create(job(jobId, 1, 0))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void positionsAreRecordedWithAnExistingJobOnly() {
        long jobId = IDS.incrementAndGet();
        store().create(job(jobId, 2, 0));
        assertThat(store().header("acme", jobId).orElseThrow().positions()).isNull();

        store().recordPositions(jobId, new ItemPositions("items", Map.of(3, 41L, 7, 9L)));

        assertThat(store().header("acme", jobId).orElseThrow().positions().lastOffsets())
                .containsExactlyInAnyOrderEntriesOf(Map.of(3, 41L, 7, 9L));
        assertThatThrownBy(
                        () -> store().recordPositions(IDS.incrementAndGet(), new ItemPositions("items", Map.of(0, 1L))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStopCancelsWhatTheLedgerHoldsNoRecordOfAndIsIdempotent() {
        long jobId = IDS.incrementAndGet();
        store().create(job(jobId, 5, 1));

        assertThat(store().stop("globex", jobId, 0, CREATED)).isEqualTo(JobStore.StopOutcome.NOT_FOUND);
        assertThat(store().stop("acme", jobId, 2, CREATED)).isEqualTo(JobStore.StopOutcome.STOPPED);
        assertThat(store().stop("acme", jobId, 2, CREATED)).isEqualTo(JobStore.StopOutcome.ALREADY_STOPPED);

        JobSnapshot job = store().find("acme", jobId).orElseThrow();
        assertThat(job.status()).isEqualTo(JobStatus.STOPPED);
        assertThat(job.cancelled()).isEqualTo(2);
        assertThat(job.completedAt()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(store().stop("acme", IDS.incrementAndGet(), 0, CREATED)).isEqualTo(JobStore.StopOutcome.NOT_FOUND);
    }

    @Test
    void operatorsSeeTheProgressOfActiveJobsOfEveryTenant() {
        long queued = IDS.incrementAndGet();
        long stopped = IDS.incrementAndGet();
        long failed = IDS.incrementAndGet();
        store().create(job(queued, 5, 2));
        store().recordPositions(queued, new ItemPositions("items", Map.of(4, 17L)));
        store().create(new NewJob(stopped, "globex", ItemType.CUSTOMERS, 3, CREATED, List.of()));
        store().create(job(failed, 1, 1));
        assertThat(store().progress(stopped).orElseThrow().pending()).isEqualTo(3);
        store().stop("globex", stopped, 1, CREATED);

        JobProgress progress = store().progress(queued).orElseThrow();
        assertThat(progress.tenantId()).isEqualTo("acme");
        assertThat(progress.type()).isEqualTo(ItemType.ORDERS);
        assertThat(progress.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(progress.itemCount()).isEqualTo(5);
        assertThat(progress.withResult()).isEqualTo(2);
        assertThat(progress.pending()).isEqualTo(3);
        assertThat(progress.positions().lastOffsets()).containsExactlyEntriesOf(Map.of(4, 17L));
        assertThat(store().progress(stopped).orElseThrow().pending()).isZero();
        assertThat(store().progress(IDS.incrementAndGet())).isEmpty();
        long other = IDS.incrementAndGet();
        store().create(new NewJob(other, "initech", ItemType.EVENTS, 2, CREATED, List.of()));
        JobStore.ActiveJobs active = store().active(100_000);
        assertThat(active.truncated()).isFalse();
        assertThat(active.jobs())
                .extracting(JobProgress::jobId)
                .contains(queued, other)
                .doesNotContain(stopped, failed);
        assertThat(store().active(1).jobs()).hasSize(1);
        assertThat(store().active(1).truncated()).isTrue();
    }

    @Test
    void aTenantListsItsOwnJobsNewestFirstFilteredAndPaged() {
        String tenant = "lister-" + IDS.incrementAndGet();
        Instant start = Instant.parse("2026-12-01T09:00:00Z");
        List<Long> created = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long jobId = IDS.incrementAndGet();
            ItemType type = i % 2 == 0 ? ItemType.ORDERS : ItemType.EVENTS;
            // two jobs in the same millisecond: the id decides between them
            Instant at = start.plusMillis(i == 4 ? 3 : i);
            store().create(new NewJob(jobId, tenant, type, 2, at, i == 6 ? rejectedAll(2) : List.of()));
            created.add(jobId);
        }
        store().create(new NewJob(IDS.incrementAndGet(), "other-" + tenant, ItemType.ORDERS, 1, start, List.of()));
        store().stop(tenant, created.get(2), 0, start);
        List<Long> newestFirst = List.of(
                created.get(6),
                created.get(5),
                created.get(4),
                created.get(3),
                created.get(2),
                created.get(1),
                created.get(0));

        JobStore.JobPage first = store().list(tenant, new JobStore.JobQuery(null, null, 3, null));
        JobStore.JobPage second = store().list(tenant, new JobStore.JobQuery(null, null, 3, first.next()));
        JobStore.JobPage third = store().list(tenant, new JobStore.JobQuery(null, null, 3, second.next()));

        assertThat(first.jobs()).extracting(JobSnapshot::jobId).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(second.jobs()).extracting(JobSnapshot::jobId).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(third.jobs()).extracting(JobSnapshot::jobId).containsExactly(created.get(0));
        assertThat(third.next()).isNull();
        assertThat(first.jobs().get(0).status()).isEqualTo(JobStatus.FAILED);
        assertThat(first.jobs()).allSatisfy(job -> assertThat(job.results()).isEmpty());
        assertThat(store().list(tenant, new JobStore.JobQuery(JobStatus.QUEUED, ItemType.ORDERS, 10, null))
                        .jobs())
                .extracting(JobSnapshot::jobId)
                .containsExactly(created.get(4), created.get(0));
        assertThat(store().list(tenant, new JobStore.JobQuery(JobStatus.STOPPED, null, 10, null))
                        .jobs())
                .extracting(JobSnapshot::jobId)
                .containsExactly(created.get(2));
        assertThat(store().list("nobody-" + tenant, new JobStore.JobQuery(null, null, 10, null))
                        .jobs())
                .isEmpty();
    }

    @Test
    void aRetryIsLinkedBothWaysAndTheKeptItemsAreReadByTheOwnerOnly() {
        long parent = IDS.incrementAndGet();
        long retry = IDS.incrementAndGet();
        store().create(new NewJob(parent, "acme", ItemType.BALANCE_ADJUSTMENT, 3, CREATED, List.of()));
        ItemEnvelope second = ItemEnvelope.of(
                "acme", parent, 2, ItemType.BALANCE_ADJUSTMENT, "c2", new LedgerItems.BalanceAdjustment(5, "why"));
        ItemEnvelope first = ItemEnvelope.of(
                "acme", parent, 0, ItemType.BALANCE_ADJUSTMENT, "c0", new LedgerItems.BalanceAdjustment(-3, "because"));
        keepForRetry(second);
        keepForRetry(first);
        store().create(new NewJob(retry, "acme", ItemType.BALANCE_ADJUSTMENT, 2, CREATED, List.of(), parent));

        assertThat(store().linkRetry("globex", parent, retry)).isFalse();
        assertThat(store().linkRetry("acme", parent, retry)).isTrue();

        assertThat(store().find("acme", parent).orElseThrow().links()).isEqualTo(new JobSnapshot.Links(null, retry));
        assertThat(store().find("acme", retry).orElseThrow().links()).isEqualTo(new JobSnapshot.Links(parent, null));
        assertThat(store().keptForRetry("acme", parent)).containsExactly(first, second);
        assertThat(store().keptForRetry("globex", parent)).isEmpty();
        assertThat(store().keptForRetry("acme", retry)).isEmpty();
        assertThat(store().linkRetry("acme", IDS.incrementAndGet(), retry)).isFalse();
    }

    @Test
    void aDeletedJobIsNotListed() {
        String tenant = "lister-" + IDS.incrementAndGet();
        long jobId = IDS.incrementAndGet();
        store().create(new NewJob(jobId, tenant, ItemType.ORDERS, 1, CREATED, List.of()));

        store().delete(jobId);

        assertThat(store().list(tenant, new JobStore.JobQuery(null, null, 10, null))
                        .jobs())
                .isEmpty();
    }

    private static List<ItemResult> rejectedAll(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> ItemResult.failure(i, "c" + i, ErrorCode.MISSING_FIELD, "orderId is required"))
                .toList();
    }

    @Test
    void aDeletedJobIsGone() {
        long jobId = IDS.incrementAndGet();
        store().create(job(jobId, 1, 0));

        store().delete(jobId);

        assertThat(store().find("acme", jobId)).isEmpty();
        store().delete(jobId);
    }
}
