package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.MalformedEnvelopeException;
import io.loyaltybatch.model.UnreadablePayloadException;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.RedactedFailure;
import io.loyaltybatch.support.config.ItemsTopicProperties;
import io.loyaltybatch.support.kafka.KafkaHealthIndicator;
import io.loyaltybatch.support.kafka.KafkaItemsTopic;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Error handling of the items listener, all in spring-kafka's {@link DefaultErrorHandler}:
 * <ul>
 *   <li>a failure of Redis or PostgreSQL is retried with exponential backoff, without limit, while the consumer keeps
 *       its partitions: an accepted item is never dropped because a dependency is down;</li>
 *   <li>an item that fails for a reason of its own is retried {@code loyalty.worker.item-retries} times, then
 *       reported failed with 5000 and dead-lettered ({@link UnprocessableItemRecoverer}); its job still ends;</li>
 *   <li>a record that can never be read goes to the dead-letter topic at once.</li>
 * </ul>
 * Dead letters carry headers naming the source topic, partition and offset, the failure's class and SQLState, and the
 * item ({@code jobId/index}); never an exception message or stack trace, which would quote the item's values.
 */
@Configuration(proxyBeanMethods = false)
class KafkaItemsConfig {

    /** Dead-letter header: class name of the failure, unwrapped from the listener container's exceptions. */
    static final String CAUSE_FQCN = "loyalty-dlt-cause-fqcn";
    /** Dead-letter header: the SQLState of a database failure. */
    static final String SQL_STATE = "loyalty-dlt-sqlstate";
    /** Dead-letter header: {@code jobId/index} of a readable item. */
    static final String ITEM = "loyalty-dlt-item";

    /** Created or checked before the listener starts; a partition count other than configured stops the start. */
    @Bean
    KafkaItemsTopic itemsTopic(KafkaAdmin admin, ItemsTopicProperties topic) {
        return new KafkaItemsTopic(admin.getConfigurationProperties(), topic, true);
    }

    /** Kafka in the worker's readiness: without it no item arrives. */
    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties());
    }

    /**
     * Commits past the commit marker a Kafka transaction leaves after the gateway's last record in a partition: the
     * broker counts the marker's offset, so without it the group's lag would never return to 0 (and an autoscaler
     * on lag would never scale in).
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> committedPastMarkers() {
        return container -> container.getContainerProperties().setFixTxOffsets(true);
    }

    @Bean
    DefaultErrorHandler itemsErrorHandler(
            KafkaTemplate<Object, Object> template,
            ItemsTopicProperties topic,
            ItemProcessing processing,
            ItemMetrics metrics,
            WorkerProperties worker) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(topic.deadLetterName(), record.partition()));
        // exception messages and stack traces quote item values: only class names, SQLStates and the item go along
        deadLetters.excludeHeader(
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_MSG,
                DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        deadLetters.setHeadersFunction(KafkaItemsConfig::causeHeaders);
        DefaultErrorHandler handler = new DefaultErrorHandler(
                new UnprocessableItemRecoverer(processing, deadLetters, metrics), unlimited(worker));
        // a failing item (reported by index) gets a few tries; everything else is the infrastructure: no limit
        handler.setBackOffFunction((record, exception) ->
                FailureClassifier.isEngineUnavailable(exception) ? unlimited(worker) : limited(worker));
        handler.addNotRetryableExceptions(MalformedEnvelopeException.class);
        // each try is logged in one line with its reason (ItemProcessing), the final failure by the recoverer; the
        // handler's own "seek to current" exception, with its stack trace, only at debug
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    private static BackOff unlimited(WorkerProperties worker) {
        ExponentialBackOff backOff =
                new ExponentialBackOff(worker.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(worker.retryMaxInterval().toMillis());
        return backOff;
    }

    private static BackOff limited(WorkerProperties worker) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(worker.itemRetries());
        backOff.setInitialInterval(worker.retryInitialInterval().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(worker.retryMaxInterval().toMillis());
        return backOff;
    }

    /** The standard headers name the container's wrapper exceptions; these name what actually went wrong. */
    private static Headers causeHeaders(ConsumerRecord<?, ?> record, Exception exception) {
        Throwable cause = FailureClassifier.withoutContainerWrappers(exception);
        RecordHeaders headers = new RecordHeaders();
        if (cause instanceof RedactedFailure redacted) {
            headers.add(CAUSE_FQCN, bytes(redacted.rootCause().failureClass()));
            if (redacted.sqlState() != null) {
                headers.add(SQL_STATE, bytes(redacted.sqlState()));
            }
        } else {
            headers.add(CAUSE_FQCN, bytes(cause.getClass().getName()));
        }
        try {
            ItemEnvelope item = WireCodec.decodeEnvelope(String.valueOf(record.value()));
            headers.add(ITEM, bytes(item.jobId() + "/" + item.index()));
        } catch (UnreadablePayloadException unreadablePayload) {
            headers.add(
                    ITEM,
                    bytes(unreadablePayload.item().jobId() + "/"
                            + unreadablePayload.item().index()));
        } catch (MalformedEnvelopeException unreadable) {
            // nothing to name
        }
        return headers;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
