package io.loyaltybatch.worker;

import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.model.CustomerProfile;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScriptCalls;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.MalformedEnvelopeException;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.JobEnds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Plays the gateway's part for worker tests: writes jobs to Redis with the shared scripts and publishes envelopes to
 * the items topic in Kafka transactions.
 */
public final class WorkerFixture implements AutoCloseable {

    private static final AtomicLong JOB_IDS = new AtomicLong(System.currentTimeMillis() * 1000);

    private final StringRedisTemplate redis;
    private final String topic;
    private final KafkaProducer<String, String> producer;

    public WorkerFixture(StringRedisTemplate redis, String topic) {
        this.redis = redis;
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LocalEngines.shared().kafka().bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "worker-fixture-" + UUID.randomUUID(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        producer.initTransactions();
    }

    public static long newJobId() {
        return JOB_IDS.incrementAndGet();
    }

    /** Writes a queued job of {@code itemCount} items, none rejected, as the gateway does. */
    public void createJob(long jobId, String tenantId, ItemType type, int itemCount) {
        run(
                Long.class,
                JobScriptCalls.createJob(
                        jobId,
                        tenantId,
                        type,
                        itemCount,
                        Instant.now(),
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        List.of()));
        redis.opsForZSet().add(JobKeys.ACTIVE_JOBS, Long.toString(jobId), System.currentTimeMillis());
    }

    /** Stops a job as the gateway does: the end into the ledger first, then into the job's status. */
    public String stopJob(long jobId, String tenantId, JobEnds ends) {
        int processed = ends.end(tenantId, jobId, "stopped by the client");
        return JobScriptCalls.moved(run(
                        List.class,
                        JobScriptCalls.endJob(
                                jobId,
                                tenantId,
                                JobStatus.STOPPED,
                                null,
                                processed,
                                Instant.now(),
                                Duration.ofHours(1))))
                .answer();
    }

    /** Notes where a job's items landed, as the gateway does before they become visible. */
    public void recordPositions(long jobId, ItemPositions positions) {
        run(Long.class, JobScriptCalls.recordPositions(jobId, positions));
    }

    private <T> T run(Class<T> type, JobScriptCalls.Call call) {
        return redis.execute(
                RedisScript.of(call.script().source(), type),
                call.keys(),
                call.args().toArray());
    }

    public static ItemEnvelope customer(
            String tenantId, long jobId, int index, String customerId, CustomerProfile profile) {
        return ItemEnvelope.of(tenantId, jobId, index, ItemType.CUSTOMERS, customerId, profile);
    }

    /** A customer id of the tenant whose records land on the same partition (of 12) as {@code customerId}'s. */
    public static String customerOnSamePartition(String tenantId, String customerId) {
        int target = partition(tenantId + "/" + customerId);
        for (int i = 0; ; i++) {
            String candidate = customerId + "-neighbour-" + i;
            if (partition(tenantId + "/" + candidate) == target) {
                return candidate;
            }
        }
    }

    /** A customer id of the tenant whose records land on {@code partition} (of 12). */
    public static String customerOnPartition(String tenantId, int partition, String prefix) {
        for (int i = 0; ; i++) {
            String candidate = prefix + "-" + i;
            if (partition(tenantId + "/" + candidate) == partition) {
                return candidate;
            }
        }
    }

    public static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 12;
    }

    /** Reads a topic from the start until a record matches. */
    public ConsumerRecord<String, String> readOne(String topicName, Predicate<ConsumerRecord<String, String>> match) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        LocalEngines.shared().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fixture-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topicName));
            AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        found.set(record);
                    }
                }
                return found.get() != null;
            });
            return found.get();
        }
    }

    /** Publishes the envelopes in one transaction, in order. */
    public void publish(List<ItemEnvelope> items) {
        publishRaw(items.stream()
                .map(i -> new ProducerRecord<>(topic, i.partitionKey(), WireCodec.encode(i)))
                .toList());
    }

    /**
     * Publishes the records in one transaction, in order, and notes with each readable envelope's job where its items
     * landed, before they become visible, as the gateway does.
     */
    public void publishRaw(List<ProducerRecord<String, String>> records) {
        producer.beginTransaction();
        try {
            Map<Long, Map<Integer, Long>> positions = new HashMap<>();
            for (ProducerRecord<String, String> record : records) {
                RecordMetadata landed = producer.send(record).get();
                try {
                    long jobId = WireCodec.decodeEnvelope(record.value()).jobId();
                    positions
                            .computeIfAbsent(jobId, job -> new HashMap<>())
                            .merge(landed.partition(), landed.offset(), Math::max);
                } catch (MalformedEnvelopeException unreadable) {
                    // a poison record belongs to no job
                }
            }
            positions.forEach((jobId, offsets) -> recordPositions(jobId, new ItemPositions(topic, offsets)));
            producer.commitTransaction();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            producer.abortTransaction();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            producer.abortTransaction();
            throw new IllegalStateException(e);
        }
    }

    public Map<Object, Object> header(long jobId) {
        return redis.opsForHash().entries(JobKeys.header(jobId));
    }

    public String status(long jobId) {
        return (String) redis.opsForHash().get(JobKeys.header(jobId), JobKeys.STATUS);
    }

    public Map<Object, Object> results(long jobId) {
        return redis.opsForHash().entries(JobKeys.results(jobId));
    }

    @Override
    public void close() {
        producer.close();
    }
}
