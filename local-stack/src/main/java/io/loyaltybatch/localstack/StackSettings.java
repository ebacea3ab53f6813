package io.loyaltybatch.localstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher was asked to do: command-line flags plus environment variables.
 *
 * @param enginesOnly  start only Kafka, Redis and PostgreSQL and print how to reach them
 * @param help         print usage and exit
 * @param root         the checkout (working directory), where the app jars are built
 * @param localDir     where embedded engines keep their data and the apps their logs ({@code .local})
 * @param kafkaPort    embedded Kafka client port; its controller listens on the next port
 * @param redisPort    embedded Redis port
 * @param postgresPort embedded PostgreSQL port
 * @param gatewayPort  the gateway's HTTP port (API)
 * @param gatewayManagementPort the gateway's health and metrics port
 * @param workerPort   the worker's HTTP port (actuator)
 * @param env          the environment, to find external engines
 */
record StackSettings(
        boolean enginesOnly,
        boolean help,
        Path root,
        Path localDir,
        int kafkaPort,
        int redisPort,
        int postgresPort,
        int gatewayPort,
        int gatewayManagementPort,
        int workerPort,
        Map<String, String> env) {

    static final String USAGE = """
            Usage: ./run.sh [--engines-only] [--help]
              (no flag)       start Kafka, Redis, PostgreSQL, the API gateway and the batch worker
              --engines-only  start only the engines and print their connection settings
            Data and logs live in .local/ (LOCAL_STACK_DIR). Embedded engine ports: LOCAL_KAFKA_PORT (19092,
            controller on the next port), LOCAL_REDIS_PORT (16379), LOCAL_POSTGRES_PORT (15432). App ports:
            SERVER_PORT (gateway API, 8080), GATEWAY_MANAGEMENT_PORT (gateway health and metrics, 8082),
            WORKER_SERVER_PORT (8081). An engine is used as is, not started,
            when its Spring variable is set: SPRING_KAFKA_BOOTSTRAP_SERVERS, SPRING_DATA_REDIS_URL,
            SPRING_DATASOURCE_URL (+ SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD).""";

    /** Reads flags and variables; throws IllegalArgumentException for an unknown flag or a bad port. */
    static StackSettings from(String[] args, Map<String, String> env, Path workingDir) {
        boolean enginesOnly = false;
        boolean help = false;
        for (String arg : args) {
            switch (arg) {
                case "--engines-only" -> enginesOnly = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        Path root = workingDir.toAbsolutePath();
        Path localDir =
                root.resolve(env.getOrDefault("LOCAL_STACK_DIR", ".local")).normalize();
        return new StackSettings(
                enginesOnly,
                help,
                root,
                localDir,
                port(env, "LOCAL_KAFKA_PORT", 19092),
                port(env, "LOCAL_REDIS_PORT", 16379),
                port(env, "LOCAL_POSTGRES_PORT", 15432),
                port(env, "SERVER_PORT", 8080),
                port(env, "GATEWAY_MANAGEMENT_PORT", 8082),
                port(env, "WORKER_SERVER_PORT", 8081),
                Map.copyOf(env));
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
