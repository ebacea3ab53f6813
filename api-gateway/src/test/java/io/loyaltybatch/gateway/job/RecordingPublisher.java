package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.DependencyUnavailableException;
import io.loyaltybatch.model.ItemEnvelope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link ItemPublisher} that keeps what it was given, or fails like an unreachable Kafka. */
class RecordingPublisher implements ItemPublisher {

    final List<ItemEnvelope> published = new CopyOnWriteArrayList<>();
    volatile boolean down;

    @Override
    public void publish(List<ItemEnvelope> items) {
        if (down) {
            throw new DependencyUnavailableException("Kafka", new RuntimeException("down"));
        }
        published.addAll(items);
    }
}
