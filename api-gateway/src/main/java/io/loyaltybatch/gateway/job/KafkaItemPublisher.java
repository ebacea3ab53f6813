package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.DependencyUnavailableException;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.WireCodec;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes a job's items in one Kafka transaction ({@code acks=all}, idempotent producer): workers read committed,
 * so they see all of a job's items or none. Records are keyed by tenant and customer for per-customer order.
 */
@Configuration(proxyBeanMethods = false)
class KafkaItemPublisher implements ItemPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final ItemsTopicProperties topic;

    KafkaItemPublisher(KafkaTemplate<String, String> kafka, ItemsTopicProperties topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    @Bean
    NewTopic itemsTopic() {
        return TopicBuilder.name(topic.name())
                .partitions(topic.partitions())
                .replicas(topic.replicas())
                .build();
    }

    @Override
    public void publish(List<ItemEnvelope> items) {
        try {
            kafka.executeInTransaction(operations -> {
                for (ItemEnvelope item : items) {
                    operations.send(topic.name(), item.partitionKey(), WireCodec.encode(item));
                }
                return null;
            });
        } catch (org.apache.kafka.common.KafkaException | org.springframework.kafka.KafkaException e) {
            throw new DependencyUnavailableException("Kafka", e);
        }
    }
}
