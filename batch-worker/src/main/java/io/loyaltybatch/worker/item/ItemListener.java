package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.MalformedEnvelopeException;
import io.loyaltybatch.model.WireCodec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Takes each poll from the items topic and hands it to {@link ItemProcessing}. Offsets are committed by the container
 * after this returns. A record that is not a readable envelope is reported by index once the records before it are
 * done, so the error handler dead-letters it and carries on after it.
 */
@Component
class ItemListener {

    private final ItemProcessing processing;

    ItemListener(ItemProcessing processing) {
        this.processing = processing;
    }

    @KafkaListener(id = "items", idIsGroup = false, topics = "${loyalty.items-topic.name}", batch = "true")
    void onPoll(List<ConsumerRecord<String, String>> records) {
        List<ItemEnvelope> items = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                items.add(WireCodec.decodeEnvelope(records.get(i).value()));
            } catch (MalformedEnvelopeException e) {
                processPrefix(items);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        processPrefix(items);
    }

    private void processPrefix(List<ItemEnvelope> items) {
        try {
            processing.process(items);
        } catch (ItemFailedException e) {
            // the records before it are done; the error handler retries from this one
            throw new BatchListenerFailedException(e.getMessage(), e.getCause(), e.position());
        }
    }
}
