package io.loyaltybatch.localstack;

import io.loyaltybatch.engines.Engine;
import io.loyaltybatch.engines.KafkaBroker;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.PostgresServer;
import io.loyaltybatch.engines.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka, Redis and PostgreSQL for the local stack: each one external when its Spring variable is set,
 * else embedded with persistent data under {@code .local/} on a fixed port.
 */
final class StackEngines implements AutoCloseable {

    private final List<Engine> embedded = new ArrayList<>();
    private final List<Runnable> portChecks = new ArrayList<>();
    private final Map<String, String> springEnv = new LinkedHashMap<>();
    private final List<String> summary = new ArrayList<>();

    StackEngines(StackSettings settings) {
        Optional<String> kafka = settings.external("SPRING_KAFKA_BOOTSTRAP_SERVERS");
        if (kafka.isPresent()) {
            use("Kafka", "SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.get(), "external");
        } else {
            int port = settings.kafkaPort();
            KafkaBroker broker =
                    new KafkaBroker(port, port + 1, settings.localDir().resolve("kafka"));
            embed(broker, "Kafka", port, "LOCAL_KAFKA_PORT");
            portChecks.add(() -> Ports.ensureFree(port + 1, "Kafka controller", "LOCAL_KAFKA_PORT"));
            use("Kafka", "SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), describe(broker.dataDir()));
        }
        Optional<String> redis = settings.external("SPRING_DATA_REDIS_URL");
        if (redis.isPresent()) {
            use("Redis", "SPRING_DATA_REDIS_URL", redis.get(), "external");
        } else {
            RedisServer server = RedisServer.persistent(
                    settings.redisPort(), settings.localDir().resolve("redis"));
            embed(server, "Redis", settings.redisPort(), "LOCAL_REDIS_PORT");
            use("Redis", "SPRING_DATA_REDIS_URL", server.url(), describe(server.dataDir()));
        }
        Optional<String> postgres = settings.external("SPRING_DATASOURCE_URL");
        if (postgres.isPresent()) {
            use("PostgreSQL", "SPRING_DATASOURCE_URL", postgres.get(), "external");
            settings.external("SPRING_DATASOURCE_USERNAME")
                    .ifPresent(v -> springEnv.put("SPRING_DATASOURCE_USERNAME", v));
            settings.external("SPRING_DATASOURCE_PASSWORD")
                    .ifPresent(v -> springEnv.put("SPRING_DATASOURCE_PASSWORD", v));
        } else {
            PostgresServer server = new PostgresServer(
                    settings.postgresPort(), settings.localDir().resolve("postgres"));
            embed(server, "PostgreSQL", settings.postgresPort(), "LOCAL_POSTGRES_PORT");
            use("PostgreSQL", "SPRING_DATASOURCE_URL", server.jdbcUrl(), describe(server.dataDir()));
            springEnv.put("SPRING_DATASOURCE_USERNAME", server.username());
            springEnv.put("SPRING_DATASOURCE_PASSWORD", server.password());
        }
    }

    private void embed(Engine engine, String name, int port, String variable) {
        embedded.add(engine);
        portChecks.add(() -> Ports.ensureFree(port, name, variable));
    }

    private void use(String name, String variable, String value, String where) {
        springEnv.put(variable, value);
        summary.add(String.format("  %-11s %-45s %s", name, value, where));
    }

    private static String describe(Path dataDir) {
        return "embedded, data and logs in " + dataDir;
    }

    /** Starts the embedded engines in parallel, after checking that their ports are free. */
    void start() {
        portChecks.forEach(Runnable::run);
        LocalEngines.startAll(embedded);
    }

    /** The SPRING_* variables that point an app at these engines. */
    Map<String, String> springEnvironment() {
        return springEnv;
    }

    /** One line per engine: name, address, embedded or external. */
    List<String> summary() {
        return summary;
    }

    /** Stops the embedded engines gracefully; their data stays in {@code .local/}. */
    @Override
    public void close() {
        embedded.forEach(Engine::close);
    }
}
