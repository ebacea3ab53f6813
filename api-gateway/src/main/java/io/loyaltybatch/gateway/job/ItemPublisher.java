package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.DependencyUnavailableException;
import io.loyaltybatch.model.ItemEnvelope;
import java.util.List;

/** Sends a job's items to the workers. */
public interface ItemPublisher {

    /**
     * Publishes all items of one job atomically: when this returns every item is durable and visible to workers;
     * when it throws {@link DependencyUnavailableException} none of them will ever be.
     */
    void publish(List<ItemEnvelope> items);
}
