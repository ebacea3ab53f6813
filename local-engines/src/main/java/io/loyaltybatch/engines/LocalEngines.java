package io.loyaltybatch.engines;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, Redis and PostgreSQL together, with the Spring connection settings that point at them.
 *
 * <p>Tests share one set per JVM through {@link #shared()}, processes or containers as {@link EngineKind} selects; a
 * launcher builds its own with {@link #persistent(Path, int, int, int)}.
 */
public final class LocalEngines implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalEngines.class);

    private static LocalEngines shared;

    private final KafkaEngine kafka;
    private final RedisEngine redis;
    private final PostgresEngine postgres;

    public LocalEngines(KafkaEngine kafka, RedisEngine redis, PostgresEngine postgres) {
        this.kafka = kafka;
        this.redis = redis;
        this.postgres = postgres;
    }

    /** A port that was free on 127.0.0.1 a moment ago, for an application a test starts beside the engines. */
    public static int freePort() {
        return Processes.freePort();
    }

    /** A free port whose successor was free too, for a Kafka broker whose controller listens on the next port. */
    public static int freePortPair() {
        return Processes.freePortWithPartner(1);
    }

    /** Engines on free ports with temporary data, not yet started. */
    public static LocalEngines temporary() {
        return EngineKind.PROCESSES.create();
    }

    /**
     * Engines whose data lives under {@code baseDir} ({@code kafka/}, {@code redis/}, {@code postgres/}) and
     * survives restarts, not yet started; Kafka's controller listens on {@code kafkaPort + 1}.
     */
    public static LocalEngines persistent(Path baseDir, int kafkaPort, int redisPort, int postgresPort) {
        return new LocalEngines(
                new KafkaBroker(kafkaPort, kafkaPort == 0 ? 0 : kafkaPort + 1, baseDir.resolve("kafka")),
                RedisServer.persistent(redisPort, baseDir.resolve("redis")),
                new PostgresServer(postgresPort, baseDir.resolve("postgres")));
    }

    /**
     * One set of temporary engines per JVM, started on first use and stopped when the JVM exits. Tests may
     * stop, kill and restart the engines; an engine a test left stopped is started again by the next call.
     */
    public static synchronized LocalEngines shared() {
        if (shared == null) {
            EngineKind kind = EngineKind.selected();
            log.info("Shared test engines run as {} (-D{}=processes|containers)", kind, EngineKind.PROPERTY);
            shared = kind.create();
        }
        return shared.start();
    }

    /**
     * Starts the engines that are not running, in parallel (Kafka takes longest); on failure, closes all
     * three.
     */
    public LocalEngines start() {
        startAll(List.of(kafka, postgres, redis));
        return this;
    }

    /**
     * Starts {@code engines} in parallel and waits for all; if one fails, closes them all and rethrows
     * its exception.
     */
    public static void startAll(List<? extends Engine> engines) {
        List<? extends Engine> stopped =
                engines.stream().filter(engine -> !engine.isRunning()).toList();
        if (stopped.isEmpty()) {
            return;
        }
        // own threads: the common pool has a single thread on a 2-core machine
        ExecutorService executor = Executors.newFixedThreadPool(stopped.size());
        try {
            CompletableFuture.allOf(stopped.stream()
                            .map(engine -> CompletableFuture.runAsync(engine::start, executor))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } catch (CompletionException e) {
            engines.forEach(Engine::close);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } finally {
            executor.shutdown();
        }
    }

    /** Stops all three gracefully, keeping their data. */
    public void stop() {
        kafka.stop();
        redis.stop();
        postgres.stop();
    }

    /** The environment variables a Spring Boot app needs to use these engines. */
    public Map<String, String> springEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SPRING_DATA_REDIS_URL", redis.url());
        env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl());
        env.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        env.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        return env;
    }

    /** The same settings as Spring property names, e.g. for {@code @DynamicPropertySource}. */
    public Map<String, String> springProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put("spring.data.redis.url", redis.url());
        props.put("spring.datasource.url", postgres.jdbcUrl());
        props.put("spring.datasource.username", postgres.username());
        props.put("spring.datasource.password", postgres.password());
        return props;
    }

    public KafkaEngine kafka() {
        return kafka;
    }

    public RedisEngine redis() {
        return redis;
    }

    public PostgresEngine postgres() {
        return postgres;
    }

    /** Closes the engines, deleting temporary data; ignored for the {@link #shared()} set. */
    @Override
    public void close() {
        if (this == sharedInstance()) {
            return;
        }
        kafka.close();
        redis.close();
        postgres.close();
    }

    private static synchronized LocalEngines sharedInstance() {
        return shared;
    }
}
