package io.loyaltybatch.engines;

/** A Kafka broker (KRaft, one node) that tests and launchers reach on 127.0.0.1. */
public interface KafkaEngine extends Engine {

    /** {@code 127.0.0.1:<port>}, the same across restarts. */
    String bootstrapServers();
}
