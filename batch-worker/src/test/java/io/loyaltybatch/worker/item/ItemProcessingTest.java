package io.loyaltybatch.worker.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.worker.ledger.ItemLedger;
import io.loyaltybatch.worker.ledger.LedgerOutcome;
import io.loyaltybatch.worker.progress.ProgressStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class ItemProcessingTest {

    /** Items of unknown jobs are skipped. */
    static final class FakeProgress implements ProgressStore {
        final Set<Long> knownJobs = new HashSet<>();
        final List<JobItemResult> recorded = new ArrayList<>();

        @Override
        public List<StartDecision> claimStarts(List<ItemEnvelope> items, Instant now) {
            return items.stream()
                    .map(item -> knownJobs.contains(item.jobId()) ? StartDecision.APPLY : StartDecision.UNKNOWN_JOB)
                    .toList();
        }

        @Override
        public void record(List<JobItemResult> results, Instant now) {
            recorded.addAll(results);
        }
    }

    /**
     * Applies everything once, re-reports what it applied before, cancels unapplied items of ended jobs, and throws
     * {@code failure} for any call holding item {@code failingIndex}.
     */
    static final class FakeLedger implements ItemLedger {
        final List<ItemEnvelope> applied = new ArrayList<>();
        final Set<Long> endedJobs = new HashSet<>();
        final Set<String> done = new HashSet<>();
        int failingIndex = -1;
        RuntimeException failure;

        @Override
        public List<LedgerOutcome> apply(List<ItemEnvelope> items) {
            if (items.stream().anyMatch(i -> i.index() == failingIndex)) {
                throw failure;
            }
            return items.stream()
                    .map(i -> {
                        String ref = i.jobId() + ":" + i.index();
                        if (!done.contains(ref) && endedJobs.contains(i.jobId())) {
                            return (LedgerOutcome) new LedgerOutcome.Cancelled();
                        }
                        if (done.add(ref)) {
                            applied.add(i);
                        }
                        return new LedgerOutcome.Recorded(ItemResult.success(i.index(), i.customerId(), "ok"));
                    })
                    .toList();
        }

        @Override
        public LedgerOutcome recordUnprocessable(ItemEnvelope item) {
            return endedJobs.contains(item.jobId())
                    ? new LedgerOutcome.Cancelled()
                    : new LedgerOutcome.Recorded(ItemResult.failure(
                            item.index(),
                            item.customerId(),
                            ErrorCode.ITEM_NOT_PROCESSED,
                            "Item could not be processed"));
        }

        @Override
        public List<ItemResult> recorded(String tenantId, long jobId) {
            return List.of();
        }
    }

    private final FakeProgress progress = new FakeProgress();
    private final FakeLedger ledger = new FakeLedger();
    private final ItemProcessing processing = new ItemProcessing(progress, ledger, Clock.systemUTC());

    private static ItemEnvelope item(long jobId, int index) {
        return ItemEnvelope.of(
                "acme",
                jobId,
                index,
                ItemType.CUSTOMERS,
                "c" + index,
                WireCodec.mapper().createObjectNode());
    }

    @Test
    void appliesAndRecordsItemsOfActiveJobs() {
        progress.knownJobs.add(1L);

        processing.process(List.of(item(1, 0), item(1, 1)));

        assertThat(ledger.applied).extracting(ItemEnvelope::index).containsExactly(0, 1);
        assertThat(progress.recorded).extracting(r -> r.result().index()).containsExactly(0, 1);
        assertThat(progress.recorded).allMatch(r -> r.jobId() == 1L);
    }

    @Test
    void itemsOfAnEndedJobThatNeverTookEffectAreNeitherAppliedNorReported() {
        progress.knownJobs.add(1L);
        processing.process(List.of(item(1, 0)));
        ledger.endedJobs.add(1L);

        processing.process(List.of(item(1, 0), item(1, 1), item(1, 2)));

        assertThat(ledger.applied).extracting(ItemEnvelope::index).containsExactly(0);
        assertThat(progress.recorded).extracting(r -> r.result().index()).containsExactly(0, 0);
    }

    @Test
    void anItemThatFailsOnItsOwnIsFoundAndTheOnesBeforeItAreDone() {
        progress.knownJobs.add(1L);
        ledger.failingIndex = 2;
        ledger.failure = new IllegalArgumentException("bad item alice@example.com");

        assertThatThrownBy(() -> processing.process(List.of(item(1, 0), item(1, 1), item(1, 2), item(1, 3))))
                .isInstanceOfSatisfying(ItemFailedException.class, e -> {
                    assertThat(e.position()).isEqualTo(2);
                    assertThat(e.getMessage()).doesNotContain("alice");
                    assertThat(e.getCause().getMessage()).isEqualTo("java.lang.IllegalArgumentException");
                });

        assertThat(ledger.applied).extracting(ItemEnvelope::index).containsExactly(0, 1);
        assertThat(progress.recorded).extracting(r -> r.result().index()).containsExactly(0, 1);
    }

    @Test
    void anInfrastructureFailureBlamesNoItem() {
        progress.knownJobs.add(1L);
        ledger.failingIndex = 1;
        ledger.failure =
                new EngineUnavailableException("PostgreSQL", new CannotGetJdbcConnectionException("database down"));

        assertThatThrownBy(() -> processing.process(List.of(item(1, 0), item(1, 1))))
                .isInstanceOf(EngineUnavailableException.class);

        assertThat(ledger.applied).isEmpty();
        assertThat(progress.recorded).isEmpty();
    }

    @Test
    void anUnprocessableItemIsReportedFailedInItsJob() {
        processing.reportUnprocessable(item(7, 3));

        assertThat(progress.recorded).singleElement().satisfies(r -> {
            assertThat(r.jobId()).isEqualTo(7L);
            assertThat(r.result().code()).isEqualTo(ErrorCode.ITEM_NOT_PROCESSED);
        });
    }

    @Test
    void itemsOfUnknownJobsAreSkipped() {
        progress.knownJobs.add(2L);

        processing.process(List.of(item(1, 0), item(2, 0)));

        assertThat(ledger.applied).extracting(ItemEnvelope::jobId).containsExactly(2L);
    }
}
