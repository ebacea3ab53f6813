package io.loyaltybatch.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.LocalEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code ./run.sh} as a user runs it: the launcher jar against this checkout's app jars, with its own engines and
 * data folder, on free ports. Each launch writes its output to a file of the data folder.
 */
final class LocalStackLauncher {

    static final Pattern READY = Pattern.compile("READY: loyalty batch API");
    static final Pattern ADDED_PORT = Pattern.compile("started, health and metrics on http://localhost:(\\d+)");

    private final Path data;
    private final Map<String, String> environment = new HashMap<>();
    private final List<Process> launched = new ArrayList<>();

    /** A stack whose engines and apps take free ports. */
    LocalStackLauncher(Path data) {
        this.data = data;
        environment.put("LOCAL_STACK_DIR", data.resolve("local").toString());
        environment.put("LOCAL_KAFKA_PORT", Integer.toString(LocalEngines.freePortPair()));
        environment.put("LOCAL_REDIS_PORT", Integer.toString(LocalEngines.freePort()));
        environment.put("LOCAL_POSTGRES_PORT", Integer.toString(LocalEngines.freePort()));
        environment.put("SERVER_PORT", Integer.toString(LocalEngines.freePort()));
        environment.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(LocalEngines.freePort()));
        environment.put("WORKER_SERVER_PORT", Integer.toString(LocalEngines.freePort()));
        // the apps start from a prepared copy of their jars, as every test's apps do
        environment.put("LOCAL_FAST_START", "true");
    }

    LocalStackLauncher withEnv(String name, String value) {
        environment.put(name, value);
        return this;
    }

    int port(String variable) {
        return Integer.parseInt(environment.get(variable));
    }

    int gatewayPort() {
        return port("SERVER_PORT");
    }

    Path logs() {
        return data.resolve("local/logs");
    }

    /** Starts {@code ./run.sh} with these arguments and waits for its line; fails with all it printed otherwise. */
    Process start(String outputName, Pattern line, Duration timeout, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", System.getProperty("stack.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("checkout.dir")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve(outputName).toFile());
        List.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATA_REDIS_URL", "SPRING_DATASOURCE_URL")
                .forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        Process process = builder.start();
        launched.add(process);
        try {
            await().atMost(timeout).until(() -> line.matcher(output(outputName)).find() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            // reported below, with the output
        }
        assertThat(output(outputName))
                .as("%s (launcher %s) printed %s", outputName, process.isAlive() ? "running" : "exited", line)
                .containsPattern(line);
        return process;
    }

    /** What a launch printed so far. */
    String output(String outputName) throws IOException {
        return Files.readString(data.resolve(outputName));
    }

    /** The first group of the pattern's first match in what a launch printed. */
    int printedPort(String outputName, Pattern pattern) throws IOException {
        Matcher matcher = pattern.matcher(output(outputName));
        assertThat(matcher.find()).as("%s printed %s", outputName, pattern).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** Stops one launch, as Ctrl-C would, and waits for it to end. */
    void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("stopped within 60 s")
                .isTrue();
        launched.remove(process);
    }

    /** Stops every launch, the last first, as Ctrl-C would. */
    void close() throws InterruptedException {
        for (int i = launched.size() - 1; i >= 0; i--) {
            launched.get(i).destroy();
            launched.get(i).waitFor(60, TimeUnit.SECONDS);
        }
    }
}
