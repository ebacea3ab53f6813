package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.MalformedEnvelopeException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Error handling of the items listener. A failure of Redis or PostgreSQL is retried with exponential backoff, without
 * limit, while the consumer keeps its partitions: an accepted item is never dropped because a dependency is down.
 * A record that can never be read goes to the dead-letter topic at once, with headers naming its source topic,
 * partition, offset and the exception.
 */
@Configuration(proxyBeanMethods = false)
class KafkaItemsConfig {

    /** Dead-letter header: class name of the failure, unwrapped from the listener container's exceptions. */
    static final String CAUSE_FQCN = "loyalty-dlt-cause-fqcn";
    /** Dead-letter header: message of that failure. */
    static final String CAUSE_MESSAGE = "loyalty-dlt-cause-message";

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
        recoverer.setHeadersFunction((record, exception) -> causeHeaders(exception));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEnvelopeException.class);
        return handler;
    }

    /** The standard headers name the container's wrapper exceptions; these name what actually went wrong. */
    private static Headers causeHeaders(Exception exception) {
        Throwable cause = exception;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof BatchListenerFailedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(CAUSE_FQCN, cause.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(CAUSE_MESSAGE, String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
