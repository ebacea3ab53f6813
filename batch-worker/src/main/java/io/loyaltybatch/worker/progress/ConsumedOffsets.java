package io.loyaltybatch.worker.progress;

import io.loyaltybatch.support.EngineUnavailableException;
import java.util.Map;

/** How far the workers' consumer group has consumed the items topic. */
public interface ConsumedOffsets {

    /**
     * The group's committed offset (the next one to consume) per partition of the items topic; a partition the group
     * never committed is absent.
     *
     * @throws EngineUnavailableException if Kafka cannot serve
     */
    Map<Integer, Long> committed();
}
