package io.loyaltybatch.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.model.CustomerProfile;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScriptCalls;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.schema.ItemStatements;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The best this design can do on this machine: the customers workload through a bare pipeline, with no HTTP, no
 * validation and no framework. Per job, as the gateway: the job is created in Redis with the same script, its 1,000
 * envelopes (the same records) are published in one Kafka transaction ({@code acks=all}, idempotent, lz4) to a topic
 * with the same partitions, and where they landed is recorded. Per poll, as the worker: the same Redis scripts in one
 * pipeline, then one PostgreSQL transaction with the same statements in the same batches (job fence locks, the ended
 * jobs, the existing-customers read, the upsert batch, the {@code processed_items} records with their results), then
 * the results and counters in one Redis pipeline, then the offset commit.
 *
 * <p>The statements are the worker's own ({@link ItemStatements}).
 */
final class Ceiling {

    private static final String TENANT = "demo";
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Duration ACTIVE_TTL = Duration.ofDays(30);

    private static final AtomicLong JOB_IDS =
            new AtomicLong((3L << 51) + System.currentTimeMillis() % 1_000_000 * 1000);

    /** What the ceiling measured. */
    record Result(int jobs, int items, double seconds, double itemsPerSecond) {}

    private final LocalEngines engines;
    private final int partitions;
    private final int producers;
    private final int consumers;
    private final int maxPollRecords;

    Ceiling(LocalEngines engines, int partitions, int producers, int consumers, int maxPollRecords) {
        this.engines = engines;
        this.partitions = partitions;
        this.producers = producers;
        this.consumers = consumers;
        this.maxPollRecords = maxPollRecords;
    }

    /**
     * Runs {@code warmUpJobs} jobs, then measures {@code jobs} more through the same producers and consumers, once
     * every consumer has its partitions.
     */
    Result run(String run, int warmUpJobs, int jobs) throws Exception {
        String topic = "ceiling-" + run + ".items";
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, engines.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch assigned = new CountDownLatch(consumers);
        ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
        RedisClient redis = RedisClient.create(engines.redis().url());
        List<KafkaProducer<String, String>> producerList = new ArrayList<>();
        List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        try (JobWatch watch = new JobWatch(engines.redis().url())) {
            List<Future<?>> consuming = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                consuming.add(pool.submit(() -> consume(topic, "ceiling-" + run, redis, done, assigned)));
            }
            for (int p = 0; p < producers; p++) {
                producerList.add(producer(topic + "-producer-" + p));
                connections.add(redis.connect());
            }
            round(pool, producerList, connections, topic, watch, work(run + "-warm", warmUpJobs));
            if (!assigned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the ceiling's consumers got no partitions");
            }
            List<List<ItemEnvelope>> work = work(run, jobs);
            long start = System.nanoTime();
            long end = round(pool, producerList, connections, topic, watch, work);
            done.set(true);
            for (Future<?> each : consuming) {
                each.get(60, TimeUnit.SECONDS);
            }
            double seconds = (end - start) / 1e9;
            int items = jobs * Workload.ITEMS;
            return new Result(jobs, items, seconds, items / seconds);
        } finally {
            done.set(true);
            pool.shutdownNow();
            producerList.forEach(KafkaProducer::close);
            connections.forEach(StatefulRedisConnection::close);
            redis.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static List<List<ItemEnvelope>> work(String run, int jobs) {
        List<List<ItemEnvelope>> work = new ArrayList<>();
        for (int job = 0; job < jobs; job++) {
            work.add(envelopes(run, job, JOB_IDS.incrementAndGet()));
        }
        return work;
    }

    /** Publishes the jobs from every producer at once; returns when the last job was seen completed. */
    private long round(
            ExecutorService pool,
            List<KafkaProducer<String, String>> producerList,
            List<StatefulRedisConnection<String, String>> connections,
            String topic,
            JobWatch watch,
            List<List<ItemEnvelope>> work)
            throws Exception {
        List<Future<?>> producing = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int first = p;
            producing.add(pool.submit(() -> {
                for (int job = first; job < work.size(); job += producers) {
                    publish(topic, producerList.get(first), connections.get(first), work.get(job));
                }
                return null;
            }));
        }
        for (Future<?> each : producing) {
            each.get();
        }
        List<Long> jobIds = work.stream().map(items -> items.get(0).jobId()).toList();
        return watch.awaitAll(jobIds, Duration.ofMillis(20), Duration.ofMinutes(10));
    }

    private static List<ItemEnvelope> envelopes(String run, int job, long jobId) {
        List<ItemEnvelope> items = new ArrayList<>(Workload.ITEMS);
        for (int i = 0; i < Workload.ITEMS; i++) {
            String customerId = "k-" + run + "-" + job + "-" + i;
            CustomerProfile profile = new CustomerProfile(
                    "User " + i,
                    null,
                    null,
                    "u" + job + "." + i + "@example.com",
                    null,
                    null,
                    null,
                    null,
                    "EG",
                    null,
                    null,
                    "web",
                    null,
                    null,
                    null);
            items.add(ItemEnvelope.of(TENANT, jobId, i, ItemType.CUSTOMERS, customerId, profile));
        }
        return items;
    }

    private KafkaProducer<String, String> producer(String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, engines.kafka().bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        KafkaProducer<String, String> producer = new KafkaProducer<>(config);
        producer.initTransactions();
        return producer;
    }

    /** One job, as the gateway: created in Redis, its items in one transaction, their positions recorded. */
    private static void publish(
            String topic,
            KafkaProducer<String, String> producer,
            StatefulRedisConnection<String, String> connection,
            List<ItemEnvelope> items)
            throws Exception {
        long jobId = items.get(0).jobId();
        Instant now = Instant.now();
        eval(
                        connection.async(),
                        JobScriptCalls.createJob(
                                jobId, TENANT, ItemType.CUSTOMERS, items.size(), now, ACTIVE_TTL, RETENTION, List.of()))
                .get(10, TimeUnit.SECONDS);
        connection.sync().zadd(JobKeys.ACTIVE_JOBS, now.toEpochMilli(), Long.toString(jobId));
        producer.beginTransaction();
        List<Future<RecordMetadata>> sent = new ArrayList<>(items.size());
        for (ItemEnvelope item : items) {
            sent.add(producer.send(new ProducerRecord<>(topic, item.partitionKey(), WireCodec.encode(item))));
        }
        producer.flush();
        Map<Integer, Long> last = new HashMap<>();
        for (Future<RecordMetadata> each : sent) {
            RecordMetadata metadata = each.get();
            last.merge(metadata.partition(), metadata.offset(), Math::max);
        }
        eval(connection.async(), JobScriptCalls.recordPositions(jobId, new ItemPositions(topic, last)))
                .get(10, TimeUnit.SECONDS);
        producer.commitTransaction();
    }

    private Void consume(String topic, String group, RedisClient redis, AtomicBoolean done, CountDownLatch assigned)
            throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, engines.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
                StatefulRedisConnection<String, String> connection = redis.connect();
                Connection db = engines.postgres().connect()) {
            db.setAutoCommit(false);
            consumer.subscribe(List.of(topic));
            boolean counted = false;
            while (!done.get()) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                if (!counted && !consumer.assignment().isEmpty()) {
                    assigned.countDown();
                    counted = true;
                }
                if (records.isEmpty()) {
                    continue;
                }
                List<ItemEnvelope> items = new ArrayList<>(records.count());
                for (ConsumerRecord<String, String> record : records) {
                    items.add(WireCodec.decodeEnvelope(record.value()));
                }
                Instant now = Instant.now();
                Set<Long> jobs = new java.util.TreeSet<>();
                items.forEach(item -> jobs.add(item.jobId()));
                claimStarts(connection.async(), jobs, now);
                Map<Long, List<JobScriptCalls.Result>> results = apply(db, items);
                recordResults(connection.async(), results, now);
                consumer.commitSync();
            }
        }
        return null;
    }

    private static void claimStarts(RedisAsyncCommands<String, String> redis, Set<Long> jobs, Instant now)
            throws Exception {
        List<Future<?>> replies = new ArrayList<>();
        for (long jobId : jobs) {
            replies.add(eval(redis, JobScriptCalls.claimStarts(jobId, TENANT, now)));
        }
        for (long jobId : jobs) {
            replies.add(redis.zadd(
                    JobKeys.ACTIVE_JOBS, ZAddArgs.Builder.xx(), (double) now.toEpochMilli(), Long.toString(jobId)));
        }
        for (Future<?> reply : replies) {
            reply.get(10, TimeUnit.SECONDS);
        }
    }

    private static void recordResults(
            RedisAsyncCommands<String, String> redis, Map<Long, List<JobScriptCalls.Result>> results, Instant now)
            throws Exception {
        List<Long> jobs = new ArrayList<>(results.keySet());
        List<Future<Object>> scripts = new ArrayList<>();
        for (long jobId : jobs) {
            scripts.add(eval(redis, JobScriptCalls.recordResults(jobId, now, RETENTION, results.get(jobId))));
        }
        List<Future<?>> touches = new ArrayList<>();
        for (long jobId : jobs) {
            touches.add(redis.zadd(
                    JobKeys.ACTIVE_JOBS, ZAddArgs.Builder.xx(), (double) now.toEpochMilli(), Long.toString(jobId)));
        }
        List<String> ended = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (JobScriptCalls.moved(scripts.get(i).get(10, TimeUnit.SECONDS)).ended() != null) {
                ended.add(Long.toString(jobs.get(i)));
            }
        }
        for (Future<?> touch : touches) {
            touch.get(10, TimeUnit.SECONDS);
        }
        if (!ended.isEmpty()) {
            // as the worker's EndedJobs: their end notices due first, then out of the index
            Object[] due = ended.stream()
                    .flatMap(jobId -> java.util.stream.Stream.of((Object) (double) now.toEpochMilli(), jobId))
                    .toArray();
            redis.zadd(JobKeys.ENDED_JOBS, ZAddArgs.Builder.nx(), due).get(10, TimeUnit.SECONDS);
            redis.zrem(JobKeys.ACTIVE_JOBS, ended.toArray(String[]::new)).get(10, TimeUnit.SECONDS);
        }
    }

    /** One transaction, as the worker's: fence, ended jobs, existing customers, upsert batch, record with results. */
    private static Map<Long, List<JobScriptCalls.Result>> apply(Connection db, List<ItemEnvelope> items)
            throws SQLException {
        try {
            List<Long> jobs =
                    items.stream().map(ItemEnvelope::jobId).distinct().sorted().toList();
            try (PreparedStatement fence = db.prepareStatement(ItemStatements.JOB_FENCE_SHARED)) {
                fence.setArray(
                        1,
                        db.createArrayOf(
                                "integer",
                                jobs.stream().map(j -> (int) (j >>> 32)).toArray()));
                fence.setArray(
                        2,
                        db.createArrayOf(
                                "integer",
                                jobs.stream().map(j -> (int) (long) j).toArray()));
                fence.executeQuery().close();
            }
            Set<Long> ended = new HashSet<>();
            try (PreparedStatement read = db.prepareStatement(ItemStatements.ENDED_JOBS)) {
                read.setArray(1, array(db, "bigint", jobs.toArray()));
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        ended.add(rows.getLong(1));
                    }
                }
            }
            List<ItemEnvelope> fresh =
                    items.stream().filter(item -> !ended.contains(item.jobId())).toList();
            Set<String> existing = new HashSet<>();
            try (PreparedStatement read = db.prepareStatement(ItemStatements.EXISTING_CUSTOMERS)) {
                read.setArray(
                        1,
                        array(
                                db,
                                "text",
                                fresh.stream().map(ItemEnvelope::tenantId).toArray()));
                read.setArray(
                        2,
                        array(
                                db,
                                "text",
                                fresh.stream().map(ItemEnvelope::customerId).toArray()));
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        existing.add(rows.getString(2));
                    }
                }
            }
            Map<Long, List<JobScriptCalls.Result>> results = new LinkedHashMap<>();
            List<String> resultJson = new ArrayList<>(fresh.size());
            try (PreparedStatement upsert = db.prepareStatement(ItemStatements.UPSERT_CUSTOMER)) {
                for (ItemEnvelope item : fresh) {
                    upsert.setString(1, item.tenantId());
                    upsert.setString(2, item.customerId());
                    upsert.setString(3, WireCodec.mapper().writeValueAsString(item.payload()));
                    upsert.addBatch();
                    String json = WireCodec.encode(ItemResult.success(
                            item.index(),
                            item.customerId(),
                            existing.contains(item.customerId())
                                    ? "Customer updated successfully"
                                    : "Customer created successfully"));
                    resultJson.add(json);
                    results.computeIfAbsent(item.jobId(), id -> new ArrayList<>())
                            .add(new JobScriptCalls.Result(item.index(), true, json));
                }
                upsert.executeBatch();
            }
            try (PreparedStatement record = db.prepareStatement(ItemStatements.RECORD_RESULTS)) {
                record.setArray(
                        1,
                        array(
                                db,
                                "bigint",
                                fresh.stream().map(ItemEnvelope::jobId).toArray()));
                record.setArray(
                        2,
                        array(
                                db,
                                "integer",
                                fresh.stream().map(ItemEnvelope::index).toArray()));
                record.setArray(
                        3,
                        array(
                                db,
                                "text",
                                fresh.stream().map(ItemEnvelope::tenantId).toArray()));
                record.setArray(4, array(db, "text", resultJson.toArray()));
                if (record.executeUpdate() != fresh.size()) {
                    throw new IllegalStateException("items of the bare pipeline were recorded twice");
                }
            }
            db.commit();
            return results;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    private static Array array(Connection db, String type, Object[] values) throws SQLException {
        return db.createArrayOf(type, values);
    }

    private static java.util.concurrent.CompletableFuture<Object> eval(
            RedisAsyncCommands<String, String> redis, JobScriptCalls.Call call) {
        return redis.eval(
                        call.script().source(),
                        ScriptOutputType.MULTI,
                        call.keys().toArray(String[]::new),
                        call.args().toArray(String[]::new))
                .toCompletableFuture();
    }
}
