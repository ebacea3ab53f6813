package io.loyaltybatch.gateway.job;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The Kafka topic that carries items to workers; the gateway creates it if it is missing. */
@ConfigurationProperties("loyalty.items-topic")
public record ItemsTopicProperties(
        @DefaultValue("loyalty.batch.items") String name,
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicas) {}
