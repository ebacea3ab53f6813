package io.loyaltybatch.chaos;

import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records straight to a topic, as a faulty producer would, and finds their dead letters. */
final class TopicWriter implements AutoCloseable {

    /** Where a written record landed. */
    record Written(int partition, long offset) {}

    /** A dead-letter record's headers. */
    record DeadLetter(Map<String, byte[]> headers) {
        String header(String name) {
            return new String(headers.get(name), StandardCharsets.UTF_8);
        }

        int intHeader(String name) {
            return ByteBuffer.wrap(headers.get(name)).getInt();
        }

        long longHeader(String name) {
            return ByteBuffer.wrap(headers.get(name)).getLong();
        }
    }

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;
    private KafkaProducer<String, String> transactional;

    TopicWriter(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName()));
    }

    Written write(String topic, String key, String value) {
        try {
            RecordMetadata metadata =
                    producer.send(new ProducerRecord<>(topic, key, value)).get();
            return new Written(metadata.partition(), metadata.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the records in one transaction, as the gateway writes a job's items; {@code beforeCommit} learns where
     * they landed before they become visible.
     */
    List<Written> writeInTransaction(
            String topic,
            List<Map.Entry<String, String>> keysAndValues,
            java.util.function.Consumer<List<Written>> beforeCommit) {
        KafkaProducer<String, String> transactional = transactionalProducer();
        transactional.beginTransaction();
        try {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new java.util.ArrayList<>();
            for (Map.Entry<String, String> record : keysAndValues) {
                sent.add(transactional.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
            }
            transactional.flush();
            List<Written> written = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<RecordMetadata> future : sent) {
                RecordMetadata metadata = future.get();
                written.add(new Written(metadata.partition(), metadata.offset()));
            }
            beforeCommit.accept(written);
            transactional.commitTransaction();
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transactional.abortTransaction();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            transactional.abortTransaction();
            throw new IllegalStateException(e);
        }
    }

    private synchronized KafkaProducer<String, String> transactionalProducer() {
        if (transactional == null) {
            transactional = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    "chaos-topic-writer-" + UUID.randomUUID(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class.getName()));
            transactional.initTransactions();
        }
        return transactional;
    }

    /** Reads the dead-letter topic until the dead letter of {@code source} appears. */
    DeadLetter readDeadLetter(String deadLetterTopic, Written source) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "dead-letter-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(deadLetterTopic));
            AtomicReference<DeadLetter> found = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, byte[]> headers = new HashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(header.key(), header.value());
                    }
                    DeadLetter letter = new DeadLetter(headers);
                    if (headers.containsKey("kafka_dlt-original-offset")
                            && letter.intHeader("kafka_dlt-original-partition") == source.partition()
                            && letter.longHeader("kafka_dlt-original-offset") == source.offset()) {
                        found.set(letter);
                    }
                }
                return found.get() != null;
            });
            return found.get();
        }
    }

    @Override
    public void close() {
        producer.close();
        if (transactional != null) {
            transactional.close();
        }
    }
}
