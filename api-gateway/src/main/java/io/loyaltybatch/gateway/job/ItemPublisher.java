package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.support.EngineUnavailableException;
import java.util.List;
import java.util.function.Consumer;

/** Sends a job's items to the workers. */
public interface ItemPublisher {

    /**
     * Publishes all items of one job atomically, on the lane of its tenant ({@code null}: the default lane). When the items are written but not yet visible to workers,
     * {@code beforeCommit} receives where they landed; if it throws, none of them ever becomes visible. When this
     * returns, every item is durable and visible.
     *
     * @throws EngineUnavailableException if Kafka cannot take them; none of them will ever be visible
     * @throws ItemTooLargeException      if the broker refuses an item for its size; none of them will ever be visible
     */
    void publish(String lane, List<ItemEnvelope> items, Consumer<ItemPositions> beforeCommit);
}
