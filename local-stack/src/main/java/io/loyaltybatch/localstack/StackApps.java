package io.loyaltybatch.localstack;

import io.loyaltybatch.engines.JavaApp;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The API gateway and batch worker jars as child processes of the launcher. */
final class StackApps implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final StackSettings settings;
    private final PrintStream out;
    private final List<JavaApp> apps = new ArrayList<>();

    StackApps(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Whether both jars are built; prints what is missing. */
    boolean jarsPresent() {
        boolean present = true;
        for (Path jar : List.of(settings.gatewayJar(), settings.workerJar())) {
            if (!Files.isRegularFile(jar)) {
                System.err.println("Missing " + jar + ": build it with ./mvnw -DskipTests package (run.sh does).");
                present = false;
            }
        }
        return present;
    }

    /** Launches both apps against the engines described by {@code springEnv}. */
    void start(Map<String, String> springEnv) {
        Ports.ensureFree(settings.gatewayPort(), "API gateway", "SERVER_PORT");
        Ports.ensureFree(settings.gatewayManagementPort(), "API gateway management", "GATEWAY_MANAGEMENT_PORT");
        Ports.ensureFree(settings.workerPort(), "batch worker", "WORKER_SERVER_PORT");
        apps.add(new JavaApp("gateway", settings.gatewayJar(), settings.logDir().resolve("gateway.log"))
                .withEnv(springEnv)
                .withEnv("SERVER_PORT", Integer.toString(settings.gatewayPort()))
                .withEnv("MANAGEMENT_SERVER_PORT", Integer.toString(settings.gatewayManagementPort()))
                .withEnv("LOYALTY_DEMO_TENANT_ENABLED", "true")
                .echoTo(out)
                .start());
        apps.add(new JavaApp("worker", settings.workerJar(), settings.logDir().resolve("worker.log"))
                .withEnv(springEnv)
                .withEnv("SERVER_PORT", Integer.toString(settings.workerPort()))
                .echoTo(out)
                .start());
    }

    /**
     * Waits until the gateway's health endpoint answers 200. False when an app died (its log tail is
     * printed), time ran out, or {@code stopRequested} (given a pause to wait) says to give up.
     */
    boolean awaitHealthy(Predicate<Duration> stopRequested) {
        URI health = URI.create("http://localhost:" + settings.gatewayManagementPort() + "/actuator/health");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!isOk(health)) {
            if (reportDeadApp() || stopRequested.test(Duration.ofMillis(500))) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                System.err.println("The gateway did not answer 200 on " + health + " within " + START_TIMEOUT);
                return false;
            }
        }
        return !reportDeadApp();
    }

    /** Whether an app has exited; if so prints which, its exit code and the tail of its log. */
    boolean reportDeadApp() {
        for (JavaApp app : apps) {
            if (!app.isRunning()) {
                int exitCode = app.stop(); // already dead: this flushes the rest of its echoed output first
                System.err.println(app.name() + " exited with code " + exitCode + "\n" + app.logTail(40));
                return true;
            }
        }
        return false;
    }

    private static boolean isOk(URI uri) {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM to each app in start order (gateway first, so no new job arrives while the worker drains). */
    @Override
    public void close() {
        apps.forEach(JavaApp::stop);
    }
}
