package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.MalformedEnvelopeException;
import io.loyaltybatch.model.WireCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The last step for a record that retries could not process: a readable item is reported failed (5000) in its job,
 * so the job still ends, then the record goes to the dead-letter topic. If either step fails the container
 * delivers the record again, and both steps are safe to repeat.
 */
class UnprocessableItemRecoverer implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(UnprocessableItemRecoverer.class);

    private final ItemProcessing processing;
    private final DeadLetterPublishingRecoverer deadLetters;

    UnprocessableItemRecoverer(ItemProcessing processing, DeadLetterPublishingRecoverer deadLetters) {
        this.processing = processing;
        this.deadLetters = deadLetters;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        try {
            ItemEnvelope item = WireCodec.decodeEnvelope(String.valueOf(record.value()));
            processing.reportUnprocessable(item);
            log.error(
                    "Item {} of job {} failed after retries; reported with 5000 and dead-lettered",
                    item.index(),
                    item.jobId());
        } catch (MalformedEnvelopeException e) {
            log.error(
                    "Unreadable record at {}-{}@{} dead-lettered", record.topic(), record.partition(), record.offset());
        }
        deadLetters.accept(record, exception);
    }
}
