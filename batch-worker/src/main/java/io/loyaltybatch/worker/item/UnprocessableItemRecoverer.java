package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ItemRef;
import io.loyaltybatch.model.MalformedEnvelopeException;
import io.loyaltybatch.model.UnreadablePayloadException;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.RedactedFailure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The last step for a record that retries could not process: an item its envelope names (even one whose payload
 * cannot be read) is reported failed (5000) in its job,
 * so the job still ends, then the record goes to the dead-letter topic. This step cannot fail for a reason of the
 * item's own: what is stored about it is sanitised, and should reporting fail anyway the record is still
 * dead-lettered and the partition moves on. Only an engine that cannot serve makes the container deliver the record
 * again, and both steps are safe to repeat.
 */
class UnprocessableItemRecoverer implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(UnprocessableItemRecoverer.class);

    private final ItemProcessing processing;
    private final DeadLetterPublishingRecoverer deadLetters;

    private final ItemMetrics metrics;

    UnprocessableItemRecoverer(
            ItemProcessing processing, DeadLetterPublishingRecoverer deadLetters, ItemMetrics metrics) {
        this.processing = processing;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        ItemRef item = itemOf(record);
        if (item != null) {
            report(item);
        } else {
            log.error(
                    "Unreadable record at {}-{}@{} dead-lettered", record.topic(), record.partition(), record.offset());
        }
        deadLetters.accept(record, exception);
        metrics.deadLettered();
    }

    private void report(ItemRef item) {
        JobMdc.run(item.jobId(), item.tenantId(), () -> reportLogged(item));
    }

    private void reportLogged(ItemRef item) {
        try {
            processing.reportUnprocessable(item);
            log.error(
                    "Item {} of job {} failed after retries; reported with 5000 and dead-lettered",
                    item.index(),
                    item.jobId());
        } catch (EngineUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error(
                    "Item {} of job {} failed after retries and could not be reported ({}); dead-lettered",
                    item.index(),
                    item.jobId(),
                    RedactedFailure.describe(e));
        }
    }

    /** The item the record holds, if its envelope names one (even one whose payload cannot be read). */
    private static ItemRef itemOf(ConsumerRecord<?, ?> record) {
        try {
            return WireCodec.decodeEnvelope(String.valueOf(record.value()));
        } catch (UnreadablePayloadException e) {
            return e.item();
        } catch (MalformedEnvelopeException e) {
            return null;
        }
    }
}
