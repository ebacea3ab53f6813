package io.loyaltybatch.worker.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.worker.ledger.ItemLedger;
import io.loyaltybatch.worker.progress.ProgressStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemProcessingTest {

    /** Jobs in {@code stopped} cancel items not started before; unknown jobs skip everything. */
    static final class FakeProgress implements ProgressStore {
        final Set<Long> knownJobs = new HashSet<>();
        final Set<Long> stoppedJobs = new HashSet<>();
        final Set<String> started = new HashSet<>();
        final List<JobItemResult> recorded = new ArrayList<>();

        @Override
        public List<StartDecision> claimStarts(List<ItemEnvelope> items, Instant now) {
            return items.stream().map(item -> {
                String ref = item.jobId() + ":" + item.index();
                if (!knownJobs.contains(item.jobId())) {
                    return StartDecision.UNKNOWN_JOB;
                }
                if (stoppedJobs.contains(item.jobId())) {
                    return started.contains(ref) ? StartDecision.APPLY : StartDecision.CANCELLED;
                }
                started.add(ref);
                return StartDecision.APPLY;
            }).toList();
        }

        @Override
        public void record(List<JobItemResult> results, Instant now) {
            recorded.addAll(results);
        }
    }

    static final class FakeLedger implements ItemLedger {
        final List<ItemEnvelope> applied = new ArrayList<>();

        @Override
        public List<ItemResult> apply(List<ItemEnvelope> items) {
            applied.addAll(items);
            return items.stream().map(i -> ItemResult.success(i.index(), i.customerId(), "ok")).toList();
        }
    }

    private final FakeProgress progress = new FakeProgress();
    private final FakeLedger ledger = new FakeLedger();
    private final ItemProcessing processing = new ItemProcessing(progress, ledger, Clock.systemUTC());

    private static ItemEnvelope item(long jobId, int index) {
        return ItemEnvelope.of("acme", jobId, index, ItemType.CUSTOMERS, "c" + index,
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
    void itemsOfAStoppedJobThatNeverStartedAreNotApplied() {
        progress.knownJobs.add(1L);
        processing.process(List.of(item(1, 0)));
        progress.stoppedJobs.add(1L);

        processing.process(List.of(item(1, 0), item(1, 1), item(1, 2)));

        assertThat(ledger.applied).extracting(ItemEnvelope::index).containsExactly(0, 0);
        assertThat(progress.recorded).extracting(r -> r.result().index()).containsExactly(0, 0);
    }

    @Test
    void itemsOfUnknownJobsAreSkipped() {
        progress.knownJobs.add(2L);

        processing.process(List.of(item(1, 0), item(2, 0)));

        assertThat(ledger.applied).extracting(ItemEnvelope::jobId).containsExactly(2L);
    }
}
