package io.loyaltybatch.worker.item;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The items topic (same property names as the gateway's) and its dead-letter topic.
 *
 * @param name           items topic
 * @param partitions     partitions of both topics when this worker creates them
 * @param replicas       replication factor of both topics
 * @param deadLetterName where records go that cannot be processed; the items topic's name + {@code .DLT} by default
 */
@ConfigurationProperties("loyalty.items-topic")
public record ItemsTopicProperties(
        @DefaultValue("loyalty.batch.items") String name,
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicas,
        String deadLetterName) {

    public ItemsTopicProperties {
        deadLetterName = deadLetterName == null || deadLetterName.isBlank() ? name + ".DLT" : deadLetterName;
    }
}
