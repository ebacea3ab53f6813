package io.loyaltybatch.engines;

import java.time.Duration;
import org.testcontainers.kafka.KafkaContainer;

/** A Kafka broker (KRaft) in a container ({@code testcontainers-kafka}), the same version as the process broker. */
final class KafkaContainerEngine extends ContainerEngine<KafkaContainer> implements KafkaEngine {

    static final String IMAGE = "apache/kafka:4.1.2";

    KafkaContainerEngine() {
        super(new KafkaContainer(IMAGE), 9092);
    }

    @Override
    boolean ready() {
        return KafkaProbe.awaitReady(this::isRunning, port, Duration.ofSeconds(5));
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }
}
