package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.MalformedEnvelopeException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Error handling of the items listener. A failure of Redis or PostgreSQL is retried with exponential backoff, without
 * limit, while the consumer keeps its partitions: an accepted item is never dropped because a dependency is down.
 * A record that can never be read goes to the dead-letter topic at once, with headers naming its source topic,
 * partition, offset and the exception.
 */
@Configuration(proxyBeanMethods = false)
class KafkaItemsConfig {

    @Bean
    NewTopic itemsTopic(ItemsTopicProperties topic) {
        return TopicBuilder.name(topic.name()).partitions(topic.partitions()).replicas(topic.replicas()).build();
    }

    @Bean
    NewTopic deadLetterTopic(ItemsTopicProperties topic) {
        return TopicBuilder.name(topic.deadLetterName()).partitions(topic.partitions()).replicas(topic.replicas())
                .build();
    }

    @Bean
    DefaultErrorHandler itemsErrorHandler(KafkaTemplate<Object, Object> template, ItemsTopicProperties topic) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(topic.deadLetterName(), record.partition()));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEnvelopeException.class);
        return handler;
    }
}
