package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.config.ItemsTopicProperties;
import io.loyaltybatch.support.kafka.KafkaItemsTopic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes a job's items to its tenant's lane in one Kafka transaction ({@code acks=all}, idempotent producer): workers read committed,
 * so they see all of a job's items or none. Records are keyed by tenant and customer for per-customer order. The
 * transaction commits only after every record is acknowledged and the caller has noted where they landed.
 */
@Configuration(proxyBeanMethods = false)
class KafkaItemPublisher implements ItemPublisher, DisposableBean {

    private final KafkaTemplate<String, String> kafka;
    private final KafkaLaneTopics lanes;

    KafkaItemPublisher(KafkaTemplate<String, String> kafka, KafkaAdmin admin, ItemsTopicProperties topic) {
        this.kafka = kafka;
        this.lanes = new KafkaLaneTopics(admin.getConfigurationProperties(), topic);
    }

    /** Created or checked at start; a partition count other than configured stops the start. */
    @Bean
    static KafkaItemsTopic itemsTopic(KafkaAdmin admin, ItemsTopicProperties topic) {
        return new KafkaItemsTopic(admin.getConfigurationProperties(), topic, false);
    }

    @Override
    public void publish(String lane, List<ItemEnvelope> items, Consumer<ItemPositions> beforeCommit) {
        String topic = lanes.ready(lane);
        try {
            kafka.executeInTransaction(operations -> {
                List<CompletableFuture<SendResult<String, String>>> sent = new ArrayList<>(items.size());
                for (ItemEnvelope item : items) {
                    sent.add(operations.send(topic, item.partitionKey(), WireCodec.encode(item)));
                }
                operations.flush();
                beforeCommit.accept(positions(topic, sent));
                return null;
            });
        } catch (RecordTooLargeException e) {
            throw new ItemTooLargeException();
        } catch (org.apache.kafka.common.KafkaException | org.springframework.kafka.KafkaException e) {
            throw e.getCause() instanceof RecordTooLargeException
                    ? new ItemTooLargeException()
                    : new EngineUnavailableException("Kafka", e);
        }
    }

    /** The offset of the last record per partition; throws what the broker answered for a record it refused. */
    private static ItemPositions positions(String topic, List<CompletableFuture<SendResult<String, String>>> sent) {
        Map<Integer, Long> last = new HashMap<>();
        for (CompletableFuture<SendResult<String, String>> future : sent) {
            RecordMetadata metadata = await(future).getRecordMetadata();
            last.merge(metadata.partition(), metadata.offset(), Math::max);
        }
        return new ItemPositions(topic, last);
    }

    @Override
    public void destroy() {
        lanes.close();
    }

    private static SendResult<String, String> await(CompletableFuture<SendResult<String, String>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof org.springframework.kafka.KafkaException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof org.apache.kafka.common.KafkaException kafkaFailure) {
                throw kafkaFailure;
            }
            throw new org.apache.kafka.common.KafkaException(cause);
        }
    }
}
