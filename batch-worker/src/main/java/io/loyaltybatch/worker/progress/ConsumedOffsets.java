package io.loyaltybatch.worker.progress;

import io.loyaltybatch.support.EngineUnavailableException;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** How far the workers' consumer group has consumed the lanes' topics. */
public interface ConsumedOffsets {

    /**
     * The group's committed offset (the next one to consume) per partition of every lane's topic; a partition the
     * group never committed is absent.
     *
     * @throws EngineUnavailableException if Kafka cannot serve
     */
    Map<TopicPartition, Long> committed();
}
