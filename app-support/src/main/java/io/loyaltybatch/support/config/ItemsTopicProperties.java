package io.loyaltybatch.support.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka topic that carries items from the gateway to the workers, and its dead-letter topic: one definition for
 * both applications. Each creates the topics if they are missing and refuses to start if they exist with another
 * partition count ({@code KafkaItemsTopic}).
 *
 * @param name           items topic
 * @param partitions     partitions of both topics; fixed for the topic's life, as a customer's partition follows
 *                       from it
 * @param replicas       replication factor of both topics when they are created
 * @param deadLetterName where records go that cannot be processed; the items topic's name + {@code .DLT} by default
 * @param checkTimeout   how long an application waits at start for the broker to create or describe the topics
 */
@ConfigurationProperties("loyalty.items-topic")
public record ItemsTopicProperties(
        @DefaultValue("loyalty.batch.items") String name,
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicas,
        String deadLetterName,
        @DefaultValue("60s") Duration checkTimeout) {

    public ItemsTopicProperties {
        deadLetterName = deadLetterName == null || deadLetterName.isBlank() ? name + ".DLT" : deadLetterName;
    }
}
