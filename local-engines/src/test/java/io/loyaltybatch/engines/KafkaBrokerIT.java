package io.loyaltybatch.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerIT {

    @TempDir
    Path dir;

    @Test
    void committedRecordsSurviveStopKillAndRestartOnTheSamePort() throws Exception {
        try (KafkaBroker broker = new KafkaBroker(0, 0, dir.resolve("kafka"))) {
            broker.start();
            int port = broker.port();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1)))
                        .all()
                        .get();
            }
            produceInTransaction(broker, "first");
            assertThat(readCommitted(broker, 1)).containsExactly("first");

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            assertThat(broker.port()).isEqualTo(port);
            assertThat(readCommitted(broker, 1)).containsExactly("first");

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            produceInTransaction(broker, "second");
            assertThat(readCommitted(broker, 2)).containsExactlyInAnyOrder("first", "second");
            assertThat(broker.logFile()).content().contains("Kafka Server started");
        }
        assertThat(dir.resolve("kafka/data/meta.properties")).exists();
    }

    @Test
    void failsFastWithTheBrokerLogWhenThePortIsTakenAndDeletesItsTempDir() throws Exception {
        Path data;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                KafkaBroker broker = new KafkaBroker(taken.getLocalPort(), 0, null)) {
            data = broker.dataDir();
            assertThatThrownBy(broker::start)
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("exited with")
                    .hasMessageContaining("server.log");
            assertThat(broker.isRunning()).isFalse();
        }
        assertThat(data).doesNotExist();
    }

    private static void produceInTransaction(KafkaBroker broker, String value) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("orders", value, value));
            producer.commitTransaction();
        }
    }

    private static List<String> readCommitted(KafkaBroker broker, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("orders"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return values.size() >= expected;
            });
        }
        return values;
    }
}
