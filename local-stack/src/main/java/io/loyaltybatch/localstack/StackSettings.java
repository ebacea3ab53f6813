package io.loyaltybatch.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher was asked to do: command-line flags plus environment variables.
 *
 * @param enginesOnly  start only Kafka, Redis and PostgreSQL and print how to reach them
 * @param help         print usage and exit
 * @param workers      how many worker processes to start (one consumer group: partitions are shared among them)
 * @param addWorker    start one more worker for a stack that runs already (its engines), until Ctrl-C
 * @param root         the checkout (working directory), where the app jars are built
 * @param localDir     where embedded engines keep their data and the apps their logs ({@code .local})
 * @param kafkaPort    embedded Kafka client port; its controller listens on the next port
 * @param redisPort    embedded Redis port
 * @param postgresPort embedded PostgreSQL port
 * @param gatewayPort  the gateway's HTTP port (API)
 * @param gatewayManagementPort the gateway's health and metrics port
 * @param workerPort   the worker's HTTP port (actuator)
 * @param fastStart    start the apps from a prepared copy of their jars (tests: quicker starts, slower warm code)
 * @param env          the environment, to find external engines
 */
record StackSettings(
        boolean enginesOnly,
        boolean help,
        int workers,
        boolean addWorker,
        Path root,
        Path localDir,
        int kafkaPort,
        int redisPort,
        int postgresPort,
        int gatewayPort,
        int gatewayManagementPort,
        int workerPort,
        boolean fastStart,
        Map<String, String> env) {

    /** The usage text, kept in {@code usage.txt} so that {@code ./run.sh --help} prints it without a build. */
    static final String USAGE = usage();

    private static String usage() {
        try (InputStream text = StackSettings.class.getResourceAsStream("/usage.txt")) {
            return new String(text.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads flags and variables; throws IllegalArgumentException for an unknown flag or a bad port. */
    static StackSettings from(String[] args, Map<String, String> env, Path workingDir) {
        boolean enginesOnly = false;
        boolean help = false;
        boolean addWorker = false;
        int workers = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--engines-only" -> enginesOnly = true;
                case "--help", "-h" -> help = true;
                case "--add-worker" -> addWorker = true;
                case "--workers" -> workers = workers(i + 1 < args.length ? args[++i] : "");
                default -> {
                    if (args[i].startsWith("--workers=")) {
                        workers = workers(args[i].substring("--workers=".length()));
                    } else {
                        throw new IllegalArgumentException("Unknown option: " + args[i]);
                    }
                }
            }
        }
        if ((enginesOnly ? 1 : 0) + (addWorker ? 1 : 0) + (workers != 1 ? 1 : 0) > 1) {
            throw new IllegalArgumentException("--workers, --add-worker and --engines-only exclude each other");
        }
        Path root = workingDir.toAbsolutePath();
        Path localDir =
                root.resolve(env.getOrDefault("LOCAL_STACK_DIR", ".local")).normalize();
        return new StackSettings(
                enginesOnly,
                help,
                workers,
                addWorker,
                root,
                localDir,
                port(env, "LOCAL_KAFKA_PORT", 19092),
                port(env, "LOCAL_REDIS_PORT", 16379),
                port(env, "LOCAL_POSTGRES_PORT", 15432),
                port(env, "SERVER_PORT", 8080),
                port(env, "GATEWAY_MANAGEMENT_PORT", 8082),
                port(env, "WORKER_SERVER_PORT", 8081),
                Boolean.parseBoolean(
                        env.getOrDefault("LOCAL_FAST_START", "false").strip()),
                Map.copyOf(env));
    }

    private static int workers(String value) {
        try {
            int workers = Integer.parseInt(value.strip());
            if (workers >= 0 && workers <= 12) {
                return workers;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "--workers takes a number from 0 to 12 (the partitions), not '" + value + "'");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
    }

    /** The value of {@code name} when it is set and not blank: such an engine is external. */
    Optional<String> external(String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    Path gatewayJar() {
        return root.resolve("api-gateway/target/api-gateway.jar");
    }

    Path workerJar() {
        return root.resolve("batch-worker/target/batch-worker.jar");
    }

    Path logDir() {
        return localDir.resolve("logs");
    }
}
