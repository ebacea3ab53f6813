package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemRef;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.RedactedFailure;
import io.loyaltybatch.worker.ledger.ItemLedger;
import io.loyaltybatch.worker.ledger.LedgerOutcome;
import io.loyaltybatch.worker.progress.ProgressStore;
import io.loyaltybatch.worker.progress.ProgressStore.JobEnd;
import io.loyaltybatch.worker.progress.ProgressStore.JobItemResult;
import io.loyaltybatch.worker.progress.ProgressStore.StartDecision;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Processes one poll of items: marks their jobs taken up (items of unknown jobs are skipped), applies them to the
 * ledger (which cancels items of jobs that have ended), then records results and counters. Returns only when effects and results are durable, so the caller may
 * commit the offsets; any exception means nothing may be committed and the poll is delivered again.
 */
@Service
public class ItemProcessing {

    private static final Logger log = LoggerFactory.getLogger(ItemProcessing.class);

    private final ProgressStore progress;
    private final ItemLedger ledger;
    private final ItemDispatch dispatch;
    private final Clock clock;
    private final ItemMetrics metrics;

    ItemProcessing(ProgressStore progress, ItemLedger ledger, ItemDispatch dispatch, Clock clock, ItemMetrics metrics) {
        this.progress = progress;
        this.ledger = ledger;
        this.dispatch = dispatch;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * @throws ItemFailedException if one item fails for a reason of its own; the items before it are done
     * @throws EngineUnavailableException if an engine cannot serve; nothing of the poll may be acknowledged
     */
    public void process(List<ItemEnvelope> items) {
        if (items.isEmpty()) {
            return;
        }
        JobMdc.run(items, () -> processLogged(items));
    }

    private void processLogged(List<ItemEnvelope> items) {
        try {
            processTogether(items);
        } catch (EngineUnavailableException e) {
            log.warn("A poll of {} item(s) waits and is retried: {}", items.size(), e.getMessage());
            metrics.retried();
            throw e;
        } catch (RuntimeException e) {
            log.warn(
                    "A poll of {} item(s) failed ({}); applying its items one by one to find the failing one",
                    items.size(),
                    RedactedFailure.describe(e));
            processOneByOne(items);
        }
    }

    /**
     * Reports an item that kept failing as failed with 5000, exactly once: the result is stored with its
     * {@code (jobId, index)} like any other, so a later delivery re-reports it.
     */
    public void reportUnprocessable(ItemRef item) {
        LedgerOutcome outcome = ledger.recordUnprocessable(item);
        if (item instanceof ItemEnvelope envelope
                && outcome instanceof LedgerOutcome.Recorded recorded
                && recorded.result().code() == ErrorCode.ITEM_NOT_PROCESSED) {
            // before its result, so an ended job has its items kept; an item of unreadable payload is not retryable
            progress.keepForRetry(envelope);
        }
        if (item instanceof ItemEnvelope envelope) {
            metrics.processed(List.of(envelope), List.of(outcome));
        }
        if (outcome instanceof LedgerOutcome.Recorded recorded) {
            endsOf(
                    progress.record(List.of(new JobItemResult(item.jobId(), recorded.result())), clock.instant()),
                    List.of(item));
        }
    }

    /** Logs and counts the jobs that ended now. */
    private void endsOf(List<JobEnd> ends, List<? extends ItemRef> items) {
        for (JobEnd end : ends) {
            ItemRef first = items.stream()
                    .filter(item -> item.jobId() == end.jobId())
                    .findFirst()
                    .orElseThrow();
            if (first instanceof ItemEnvelope envelope) {
                metrics.jobEnded(
                        envelope.type(),
                        end.status(),
                        end.createdAt() == null ? Duration.ZERO : Duration.between(end.createdAt(), clock.instant()));
            }
            String tenant = first.tenantId();
            JobMdc.run(
                    end.jobId(),
                    tenant,
                    () -> log.info("Job {} ended {}", end.jobId(), end.status().wireName()));
        }
    }

    private void processOneByOne(List<ItemEnvelope> items) {
        for (int i = 0; i < items.size(); i++) {
            try {
                processTogether(List.of(items.get(i)));
            } catch (EngineUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ItemFailedException(i, e);
            }
        }
    }

    private void processTogether(List<ItemEnvelope> items) {
        List<StartDecision> decisions = progress.claimStarts(items, clock.instant());
        List<ItemEnvelope> known = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (decisions.get(i) == StartDecision.APPLY) {
                known.add(items.get(i));
            }
        }
        List<LedgerOutcome> outcomes = ledger.apply(known, dispatch::apply);
        List<JobItemResult> recorded = new ArrayList<>(outcomes.size());
        for (int i = 0; i < known.size(); i++) {
            if (outcomes.get(i) instanceof LedgerOutcome.Recorded result) {
                recorded.add(new JobItemResult(known.get(i).jobId(), result.result()));
            }
        }
        metrics.processed(known, outcomes);
        endsOf(progress.record(recorded, clock.instant()), known);
        log.debug(
                "Poll of {} item(s): {} applied or re-reported, {} of ended jobs, {} of unknown jobs",
                items.size(),
                recorded.size(),
                known.size() - recorded.size(),
                items.size() - known.size());
    }
}
