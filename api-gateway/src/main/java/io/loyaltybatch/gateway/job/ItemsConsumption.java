package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemPositions;
import java.util.OptionalDouble;

/** How far the workers' consumer group is from a job's items on the items topic, as last read from the broker. */
public interface ItemsConsumption {

    /**
     * Seconds the group needs, at its recent rate on each partition, to consume every record up to the job's last
     * item there (other jobs' items before them included); 0 once it has; empty when that cannot be told.
     */
    OptionalDouble secondsToReach(ItemPositions items);
}
