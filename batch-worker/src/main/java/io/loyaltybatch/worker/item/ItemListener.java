package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.MalformedEnvelopeException;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.config.ItemsTopicProperties;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Takes each poll from the lanes' topics ({@link ItemsTopicProperties#pattern()}: a lane created later is subscribed
 * within {@code metadata.max.age.ms}) and hands it to {@link ItemProcessing}. Offsets are committed by the container
 * after this returns. A record that is not a readable envelope is reported by index once the records before it are
 * done, so the error handler dead-letters it and carries on after it.
 */
@Component
class ItemListener {

    private final ItemProcessing processing;
    private final ItemMetrics metrics;
    private final ItemsTopicProperties topic;

    ItemListener(ItemProcessing processing, ItemMetrics metrics, ItemsTopicProperties topic) {
        this.processing = processing;
        this.metrics = metrics;
        this.topic = topic;
    }

    /** The lanes' topics, as the listener's subscription. */
    public String topicPattern() {
        return topic.pattern().pattern();
    }

    @KafkaListener(id = "items", idIsGroup = false, topicPattern = "#{__listener.topicPattern()}", batch = "true")
    void onPoll(List<ConsumerRecord<String, String>> records) {
        metrics.poll(records.size());
        List<ItemEnvelope> items = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                items.add(WireCodec.decodeEnvelope(records.get(i).value()));
            } catch (MalformedEnvelopeException e) {
                processPrefix(records, items);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
        processPrefix(records, items);
    }

    private void processPrefix(List<ConsumerRecord<String, String>> records, List<ItemEnvelope> items) {
        try {
            processing.process(items);
            done(records, items.size());
        } catch (ItemFailedException e) {
            // the records before it are done; the error handler retries from this one
            done(records, e.position());
            throw new BatchListenerFailedException(e.getMessage(), e.getCause(), e.position());
        }
    }

    private void done(List<ConsumerRecord<String, String>> records, int count) {
        metrics.done(
                records.subList(0, count).stream()
                        .map(ConsumerRecord::timestamp)
                        .toList(),
                System.currentTimeMillis());
    }
}
