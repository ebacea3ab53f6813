package io.loyaltybatch.worker.ledger;

import io.loyaltybatch.model.ItemResult;
import java.util.List;

/** What the ledger did with one item. */
public sealed interface LedgerOutcome {

    /**
     * The item took effect (or failed) now, or had before ({@code earlier}: a redelivery, which re-reports its first
     * result): this is its result, to be reported.
     */
    record Recorded(ItemResult result, boolean earlier) implements LedgerOutcome {

        /** The result of an item applied now. */
        public Recorded(ItemResult result) {
            this(result, false);
        }
    }

    /** The item's job ended (stopped, or failed by the watchdog) before the item took effect: it never will. */
    record Cancelled() implements LedgerOutcome {}

    /** The results of outcomes that are all {@link Recorded}. */
    static List<ItemResult> results(List<LedgerOutcome> outcomes) {
        return outcomes.stream()
                .map(outcome -> {
                    if (outcome instanceof Recorded recorded) {
                        return recorded.result();
                    }
                    throw new IllegalStateException("an item was cancelled");
                })
                .toList();
    }
}
