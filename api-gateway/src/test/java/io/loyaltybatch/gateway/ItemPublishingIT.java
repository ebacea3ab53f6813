package io.loyaltybatch.gateway;

import static io.loyaltybatch.gateway.GatewayTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.gateway.tenant.SecretDigest;
import io.loyaltybatch.gateway.tenant.TenantDirectory;
import io.loyaltybatch.gateway.tenant.TenantLimits;
import io.loyaltybatch.gateway.tenant.TenantStore;
import io.loyaltybatch.model.CustomerProfile;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.WireCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** What a worker sees of a submitted job on the real Kafka broker. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "loyalty.items-topic.name=publishing-it.items")
class ItemPublishingIT {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        GatewayTestSupport.registerEnginesAndTenants(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    TenantStore tenants;

    @Autowired
    TenantDirectory directory;

    @Test
    void validItemsArePublishedCommittedAndKeyedByTenantAndCustomer() {
        BatchApiClient api = GatewayTestSupport.acme(port);
        long jobId = json(api.submit("customers", """
                {"body": [{"customerId": "p-1", "name": "Ann"}, {"customerId": "p-2", "email": "bad"},
                          {"customerId": "p-1", "email": "ann@example.com"}]}""")).get("jobId").asLong();

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = readCommittedConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor("publishing-it.items").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            assertThat(partitions).hasSize(12);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 2;
            });
        }

        assertThat(records).hasSize(2);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("acme/p-1");
        assertThat(records)
                .extracting(ConsumerRecord::partition)
                .containsOnly(records.get(0).partition());
        List<ItemEnvelope> envelopes =
                records.stream().map(r -> WireCodec.decodeEnvelope(r.value())).toList();
        assertThat(envelopes).extracting(ItemEnvelope::index).containsExactly(0, 2);
        assertThat(envelopes).allSatisfy(e -> {
            assertThat(e.jobId()).isEqualTo(jobId);
            assertThat(e.type()).isEqualTo(ItemType.CUSTOMERS);
            assertThat(e.version()).isEqualTo(ItemEnvelope.CURRENT_VERSION);
        });
        assertThat(((CustomerProfile) envelopes.get(0).payload()).displayName()).isEqualTo("Ann");
        assertThat(records.get(0).headers().toArray()).isEmpty();
        ItemPositions positions =
                ItemPositions.decode((String) redis.opsForHash().get(JobKeys.header(jobId), JobKeys.POSITIONS));
        assertThat(positions.topic()).as("the default lane").isEqualTo("publishing-it.items");
        assertThat(positions.lastOffsets())
                .containsExactly(
                        Map.entry(records.get(1).partition(), records.get(1).offset()));
    }

    @Test
    void aTenantOnALaneOfItsOwnHasItsItemsOnTheLanesTopicCreatedWithItsFirstJob() throws Exception {
        String tenant = "lane-" + UUID.randomUUID().toString().substring(0, 8);
        String lane = "publishing-it.items.lane." + tenant;
        tenants.createTenant(tenant, TenantLimits.NONE, tenant, "test");
        tenants.addKey(tenant, tenant + "-key", SecretDigest.sha256("lane-secret"), "test");
        directory.refresh();
        BatchApiClient api = new BatchApiClient("http://127.0.0.1:" + port, tenant + "-key", "lane-secret");

        long jobId = json(api.submit("customers", GatewayTestSupport.customers("c", 30)))
                .get("jobId")
                .asLong();

        ItemPositions positions =
                ItemPositions.decode((String) redis.opsForHash().get(JobKeys.header(jobId), JobKeys.POSITIONS));
        assertThat(positions.topic()).isEqualTo(lane);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = readCommittedConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(lane).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            assertThat(partitions).as("loyalty.items-topic.lane-partitions").hasSize(12);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= 30;
            });
        }
        assertThat(records).hasSize(30).allSatisfy(r -> assertThat(r.key()).startsWith(tenant + "/c-"));
        Map<Integer, Long> last = new java.util.HashMap<>();
        records.forEach(r -> last.merge(r.partition(), r.offset(), Math::max));
        assertThat(positions.lastOffsets()).isEqualTo(last);
    }

    private static KafkaConsumer<String, String> readCommittedConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LocalEngines.shared().kafka().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
    }
}
