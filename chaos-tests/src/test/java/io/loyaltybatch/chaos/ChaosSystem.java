package io.loyaltybatch.chaos;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.JavaApp;
import io.loyaltybatch.engines.KafkaBroker;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.PostgresServer;
import io.loyaltybatch.engines.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The system as separate OS processes, each of which a scenario may kill, stop, restart or multiply: a Kafka broker,
 * Redis (append-only, so a restart keeps its jobs), PostgreSQL, one gateway and any number of workers (launched by
 * {@link AppProcesses}).
 */
final class ChaosSystem implements AutoCloseable {

    static final String ITEMS_TOPIC = "loyalty.batch.items";
    static final String DEAD_LETTER_TOPIC = ITEMS_TOPIC + ".DLT";
    /** A second tenant, for scenarios where one tenant's trouble must not reach another. */
    static final String OTHER_KEY = "globex-key";

    static final String OTHER_SECRET = "globex-secret";
    /** The workers' watchdog looks this soon at jobs without progress: a job merely queued must survive it. */
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(5);

    private final LocalEngines engines;
    private final AppProcesses apps;
    private final AtomicInteger workerNumbers = new AtomicInteger();

    ChaosSystem() {
        engines = new LocalEngines(
                new KafkaBroker(), new RedisServer(0, tempDir("chaos-redis"), true), new PostgresServer());
        apps = AppProcesses.forTests(engines).withTenant("globex", OTHER_KEY, OTHER_SECRET);
    }

    ChaosSystem start() {
        engines.start();
        apps.startGateway(Duration.ofSeconds(120));
        return this;
    }

    LocalEngines engines() {
        return engines;
    }

    BatchApiClient api() {
        return apps.demoClient();
    }

    /** The second tenant's client. */
    BatchApiClient otherTenant() {
        return apps.client(OTHER_KEY, OTHER_SECRET);
    }

    /**
     * Exactly {@code count} workers, each in the consumer group: the running ones are kept, the oldest first, any beyond
     * {@code count} are stopped and the missing ones started. So a scenario goes on with the workers the one before left
     * running, through whatever they met there, instead of paying for new ones.
     */
    List<JavaApp> workers(int count) {
        List<JavaApp> running = new ArrayList<>(runningWorkers());
        while (running.size() > count) {
            running.remove(running.size() - 1).stop();
        }
        for (int i = running.size(); i < count; i++) {
            running.add(startWorkerInBackground());
        }
        running.forEach(worker -> worker.awaitLogLine("partitions assigned", Duration.ofSeconds(120)));
        return running;
    }

    /**
     * Starts a worker without waiting for it, as a process supervisor replacing a dead one would. It is tuned for quick
     * recovery: small polls (so a job spans many of them), a short session timeout (so a killed worker's partitions
     * move on within seconds), retries capped at one second, and a connection from the pool given up on after two
     * seconds (so a poll that met a PostgreSQL outage is retried soon after it ends).
     */
    JavaApp startWorkerInBackground() {
        return apps.launchWorker(
                "worker-" + workerNumbers.incrementAndGet(),
                LocalEngines.freePort(),
                Map.of(
                        "SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "50",
                        "SPRING_KAFKA_LISTENER_CONCURRENCY", "2",
                        "LOYALTY_WORKER_RETRY_MAX_INTERVAL", "1s",
                        "LOYALTY_WORKER_ITEM_RETRIES", "2",
                        "LOYALTY_WATCHDOG_STALL_TIMEOUT", STALL_TIMEOUT.toSeconds() + "s",
                        "LOYALTY_WATCHDOG_CHECK_INTERVAL", "1s",
                        "SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "2000"),
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000");
    }

    /** How many records a worker has consumed so far, from its own metrics. */
    double recordsConsumed(JavaApp worker) {
        BatchApiClient.Response metrics = new BatchApiClient(
                        "http://127.0.0.1:" + apps.managementPort(worker), null, null)
                .get("/actuator/prometheus");
        double consumed = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("kafka_consumer_fetch_manager_records_consumed_total{")) {
                consumed += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return consumed;
    }

    List<JavaApp> runningWorkers() {
        return apps.runningWorkers();
    }

    /** Stops every worker gracefully, so the next scenario starts from none (after a scenario that failed). */
    void stopWorkers() {
        runningWorkers().forEach(JavaApp::stop);
    }

    @Override
    public void close() {
        apps.close();
        engines.close();
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
