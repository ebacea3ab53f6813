package io.loyaltybatch.engines;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker + controller, one node), run as a separate JVM
 * ({@code java -cp <classpath> kafka.Kafka server.properties}).
 *
 * <p>Layout of the data directory: {@code server.properties} and {@code logback.xml} (rewritten on every
 * start), {@code data/} (the Kafka log dir, formatted once, so a persistent directory keeps topics and records),
 * {@code logs/server.log} (the broker's log) and {@code logs/stdout.log} (its console). The child classpath
 * defaults to this JVM's {@code java.class.path}, which holds {@code kafka_2.13} because this module depends
 * on it; the child logs through SLF4J, to {@code logs/server.log} when Logback is on that classpath.
 */
public final class KafkaBroker extends ProcessEngine implements KafkaEngine {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>(List.of("-Xms64m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
    private String classpath = ChildClasspath.current();

    /** A broker on free ports with a temporary data directory. */
    public KafkaBroker() {
        this(0, 0, null);
    }

    /**
     * @param port           client port on 127.0.0.1, 0 for a free one (kept across restarts)
     * @param controllerPort KRaft controller port, 0 for a free one (kept across restarts)
     * @param dataDir        persistent data directory, or null for a temp dir deleted on close
     */
    public KafkaBroker(int port, int controllerPort, Path dataDir) {
        super(DataDir.of(dataDir, "kafka-broker"));
        this.port = port == 0 ? Processes.freePort() : port;
        int controller = controllerPort == 0 ? Processes.freePort() : controllerPort;
        this.controllerPort = controller == this.port ? Processes.freePort() : controller;
    }

    /** Adds or overrides a broker property (applies from the next start). */
    public synchronized KafkaBroker withProperty(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** Replaces the child JVM's options (default {@code -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError}). */
    public synchronized KafkaBroker withJvmArgs(List<String> args) {
        jvmArgs.clear();
        jvmArgs.addAll(args);
        return this;
    }

    /** Replaces the child classpath, which must hold kafka_2.13 and its dependencies. */
    public synchronized KafkaBroker withClasspath(String childClasspath) {
        this.classpath = childClasspath;
        return this;
    }

    @Override
    synchronized List<String> command() {
        return KafkaSetup.prepare(dir.path(), port, controllerPort, overrides, jvmArgs, classpath);
    }

    @Override
    boolean awaitReady(Process started) {
        return KafkaProbe.awaitReady(started::isAlive, port, READY_TIMEOUT);
    }

    @Override
    Path consoleLog() {
        return dir.path().resolve("logs/stdout.log");
    }

    @Override
    String failureDetails() {
        return Processes.tail(logFile(), 60) + "\n" + Processes.tail(consoleLog(), 20);
    }

    /** {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The broker's own log file (appended across restarts). */
    public Path logFile() {
        return dir.path().resolve("logs/server.log");
    }

    @Override
    public String toString() {
        return "Kafka broker on " + bootstrapServers() + " (data " + dir.path() + ")";
    }
}
