package io.loyaltybatch.worker.progress;

import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.kafka.GroupOffsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** The consumer group's committed offsets, read with Kafka's admin client (the broker's view, not a consumer's). */
@Component
class KafkaConsumedOffsets implements ConsumedOffsets, DisposableBean {

    private final KafkaAdmin kafkaAdmin;
    private final String group;
    private Admin admin;

    KafkaConsumedOffsets(KafkaAdmin kafkaAdmin, KafkaProperties kafka) {
        this.kafkaAdmin = kafkaAdmin;
        this.group = kafka.getConsumer().getGroupId();
    }

    @Override
    public Map<TopicPartition, Long> committed() {
        try {
            return GroupOffsets.committed(admin(), group);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("Kafka", e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new EngineUnavailableException("Kafka", e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close();
        }
    }
}
