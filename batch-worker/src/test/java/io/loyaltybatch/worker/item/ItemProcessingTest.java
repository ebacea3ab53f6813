package io.loyaltybatch.worker.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPayload;
import io.loyaltybatch.model.ItemRef;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.worker.Items;
import io.loyaltybatch.worker.ledger.ItemLedger;
import io.loyaltybatch.worker.ledger.LedgerOutcome;
import io.loyaltybatch.worker.progress.InMemoryProgressStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** The use case over the in-memory progress store, a ledger fake and the real dispatch to recording handlers. */
class ItemProcessingTest {

    /**
     * Applies each item once with the effects given, re-reports what it applied before, cancels unapplied items of
     * ended jobs, and throws {@code failure} (an engine outage) for any call holding item {@code unavailableAt}.
     */
    static final class FakeLedger implements ItemLedger {
        final Set<Long> endedJobs = new HashSet<>();
        final Set<String> done = new HashSet<>();
        int unavailableAt = -1;

        @Override
        public List<LedgerOutcome> apply(List<ItemEnvelope> items, Effects effects) {
            if (items.stream().anyMatch(i -> i.index() == unavailableAt)) {
                throw new EngineUnavailableException(
                        "PostgreSQL", new CannotGetJdbcConnectionException("database down"));
            }
            List<ItemEnvelope> fresh = items.stream()
                    .filter(i -> !done.contains(ref(i)) && !endedJobs.contains(i.jobId()))
                    .toList();
            List<ItemResult> applied = effects.apply(fresh);
            fresh.forEach(i -> done.add(ref(i)));
            return items.stream()
                    .map(i -> {
                        int at = fresh.indexOf(i);
                        if (at >= 0) {
                            return (LedgerOutcome) new LedgerOutcome.Recorded(applied.get(at));
                        }
                        return done.contains(ref(i))
                                ? new LedgerOutcome.Recorded(
                                        ItemResult.success(i.index(), i.customerId(), "again"), true)
                                : new LedgerOutcome.Cancelled();
                    })
                    .toList();
        }

        private static String ref(ItemRef item) {
            return item.jobId() + ":" + item.index();
        }

        @Override
        public LedgerOutcome recordUnprocessable(ItemRef item) {
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

    /** The handlers of every kind, recording each call; an item at {@code failingIndex} throws. */
    static final class RecordingHandlers {
        final List<List<ItemRef>> calls = new ArrayList<>();
        final List<ItemRef> applied = new ArrayList<>();
        int failingIndex = -1;

        List<ItemHandler<?>> all() {
            List<ItemHandler<?>> handlers = new ArrayList<>();
            for (ItemType type : ItemType.values()) {
                handlers.add(handler(type));
            }
            return handlers;
        }

        private ItemHandler<?> handler(ItemType type) {
            return new ItemHandler<>() {
                @Override
                public ItemType type() {
                    return type;
                }

                @Override
                public List<ItemResult> apply(List<Item<ItemPayload>> items) {
                    calls.add(List.copyOf(items));
                    List<ItemResult> results = new ArrayList<>();
                    for (Item<?> item : items) {
                        if (item.index() == failingIndex) {
                            throw new IllegalArgumentException("bad item alice@example.com");
                        }
                        assertThat(item.payload()).isInstanceOf(type.payloadType());
                        applied.add(item);
                        results.add(ItemResult.success(item.index(), item.customerId(), type.pathName()));
                    }
                    return results;
                }
            };
        }
    }

    private final InMemoryProgressStore progress = new InMemoryProgressStore();
    private final FakeLedger ledger = new FakeLedger();
    private final RecordingHandlers handlers = new RecordingHandlers();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ItemProcessing processing = new ItemProcessing(
            progress, ledger, new ItemDispatch(handlers.all()), Clock.systemUTC(), new ItemMetrics(registry));

    private double processed(String type, String outcome, String code) {
        var counter = registry.find("loyalty.items.processed")
                .tags("type", type, "outcome", outcome, "code", code)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static ItemEnvelope customer(long jobId, int index) {
        return ItemEnvelope.of("acme", jobId, index, ItemType.CUSTOMERS, "c" + index, Items.profile(Map.of()));
    }

    private List<Integer> appliedIndexes() {
        return handlers.applied.stream().map(ItemRef::index).toList();
    }

    private List<Integer> recordedIndexes() {
        return progress.recorded.stream().map(r -> r.result().index()).toList();
    }

    @Test
    void appliesAndRecordsItemsOfActiveJobsAndEndsTheJobWithItsLastResult() {
        progress.createJob(1, "acme", 2);

        processing.process(List.of(customer(1, 0), customer(1, 1)));

        assertThat(appliedIndexes()).containsExactly(0, 1);
        assertThat(recordedIndexes()).containsExactly(0, 1);
        assertThat(progress.recorded).allMatch(r -> r.jobId() == 1L);
        assertThat(progress.job(1).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void theMetricsTellAppliedRedeliveredAndCancelledItemsApartAndCountEndedJobs() {
        progress.createJob(1, "acme", 2);
        progress.createJob(2, "acme", 2);
        processing.process(List.of(customer(1, 0)));
        ledger.endedJobs.add(2L);

        processing.process(List.of(customer(1, 0), customer(1, 1), customer(2, 0)));

        assertThat(processed("customers", "succeeded", "none")).isEqualTo(2);
        assertThat(processed("customers", "re-reported", "none")).isEqualTo(1);
        assertThat(processed("customers", "cancelled", "none")).isEqualTo(1);
        assertThat(registry.find("loyalty.jobs.ended")
                        .tags("type", "customers", "status", "completed")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anEngineOutageCountsARetriedPoll() {
        progress.createJob(1, "acme", 1);
        ledger.unavailableAt = 0;

        assertThatThrownBy(() -> processing.process(List.of(customer(1, 0))))
                .isInstanceOf(EngineUnavailableException.class);

        assertThat(registry.find("loyalty.polls.retried").counter().count()).isEqualTo(1);
        assertThat(processed("customers", "succeeded", "none")).isZero();
    }

    @Test
    void consecutiveItemsOfOneKindGoToTheirHandlerTogetherInSubmissionOrder() {
        progress.createJob(1, "acme", 5);
        Items items = new Items("acme", 1);
        List<ItemEnvelope> poll = List.of(
                items.customer("a"),
                items.customer("b"),
                items.order("a", "o-1", "10"),
                items.adjust("a", 5),
                items.customer("c"));

        processing.process(poll);

        assertThat(handlers.calls)
                .extracting(call -> call.stream().map(ItemRef::index).toList())
                .containsExactly(List.of(0, 1), List.of(2), List.of(3), List.of(4));
        assertThat(progress.recorded)
                .extracting(r -> r.result().message())
                .containsExactly("customers", "customers", "orders", "balance-adjustment", "customers");
    }

    @Test
    void itemsOfAnEndedJobThatNeverTookEffectAreNeitherAppliedNorReported() {
        progress.createJob(1, "acme", 3);
        processing.process(List.of(customer(1, 0)));
        ledger.endedJobs.add(1L);

        processing.process(List.of(customer(1, 0), customer(1, 1), customer(1, 2)));

        assertThat(appliedIndexes()).containsExactly(0);
        assertThat(recordedIndexes()).containsExactly(0, 0);
    }

    @Test
    void anItemThatFailsOnItsOwnIsFoundAndTheOnesBeforeItAreDone() {
        progress.createJob(1, "acme", 4);
        handlers.failingIndex = 2;

        assertThatThrownBy(() ->
                        processing.process(List.of(customer(1, 0), customer(1, 1), customer(1, 2), customer(1, 3))))
                .isInstanceOfSatisfying(ItemFailedException.class, e -> {
                    assertThat(e.position()).isEqualTo(2);
                    assertThat(e.getMessage()).doesNotContain("alice");
                    assertThat(e.getCause().getMessage()).isEqualTo("java.lang.IllegalArgumentException");
                });

        assertThat(recordedIndexes()).containsExactly(0, 1);
        assertThat(progress.job(1).status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void anEngineOutageBlamesNoItem() {
        progress.createJob(1, "acme", 2);
        ledger.unavailableAt = 1;

        assertThatThrownBy(() -> processing.process(List.of(customer(1, 0), customer(1, 1))))
                .isInstanceOf(EngineUnavailableException.class);

        assertThat(handlers.applied).isEmpty();
        assertThat(progress.recorded).isEmpty();
    }

    @Test
    void anUnprocessableItemIsReportedFailedInItsJobAndCanEndIt() {
        progress.createJob(7, "acme", 1);

        processing.reportUnprocessable(ItemRef.of("acme", 7, 0, "c0"));

        assertThat(progress.recorded).singleElement().satisfies(r -> {
            assertThat(r.jobId()).isEqualTo(7L);
            assertThat(r.result().code()).isEqualTo(ErrorCode.ITEM_NOT_PROCESSED);
        });
        assertThat(progress.job(7).status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void anUnprocessableItemIsKeptForARetryUnlessItsPayloadCannotBeRead() {
        progress.createJob(1, "acme", 2);
        ItemEnvelope readable = customer(1, 1);

        processing.reportUnprocessable(readable);
        processing.reportUnprocessable(ItemRef.of("acme", 1, 0, "c0"));

        assertThat(progress.keptForRetry.get(1L)).containsExactly(java.util.Map.entry(1, readable));
        assertThat(progress.job(1).status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void itemsOfUnknownJobsAreSkipped() {
        progress.createJob(2, "acme", 1);

        processing.process(List.of(customer(1, 0), customer(2, 0)));

        assertThat(handlers.applied).extracting(ItemRef::jobId).containsExactly(2L);
    }
}
