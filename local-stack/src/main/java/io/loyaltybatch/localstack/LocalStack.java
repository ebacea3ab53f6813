package io.loyaltybatch.localstack;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.EngineException;
import io.loyaltybatch.engines.JavaApp;
import io.loyaltybatch.engines.LocalEngines;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one-command local run ({@code ./run.sh}): starts Kafka, Redis and PostgreSQL (or uses external ones),
 * then the API gateway and the batch worker jars, waits until the gateway is healthy and prints how to call
 * it. Ctrl-C or SIGTERM stops the apps first, then the engines, and exits 0. With {@code --engines-only}
 * it starts just the engines and prints their connection settings.
 */
public final class LocalStack {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** Each app's log rolls over at this size; the older files, gzipped, are kept up to the total. */
    static final String LOG_FILE_SIZE = "10MB";

    static final String LOG_TOTAL_SIZE = "100MB";

    private final StackSettings settings;
    private final PrintStream out = System.out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        StackSettings settings;
        try {
            settings = StackSettings.from(args, System.getenv(), Path.of(""));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + StackSettings.USAGE);
            System.exit(2);
            return;
        }
        if (settings.help()) {
            System.out.println(StackSettings.USAGE);
            return;
        }
        System.exit(new LocalStack(settings).run());
    }

    private int run() {
        Signals.onTermination(this::requestStop);
        StackEngines engines = new StackEngines(settings);
        AppProcesses apps = new AppProcesses(
                        engines.springEnvironment(), settings.gatewayJar(), settings.workerJar(), settings.logDir())
                .withRollingLogs(LOG_FILE_SIZE, LOG_TOTAL_SIZE)
                .echoTo(out);
        if (settings.fastStart()) {
            apps.withFastStart();
        }
        if (!settings.enginesOnly() && !apps.jarsPresent(System.err)) {
            return 1;
        }
        if (settings.addWorker()) {
            return addWorker(apps);
        }
        try {
            out.println("Starting engines (data in " + settings.localDir() + ") ...");
            engines.start();
            engines.summary().forEach(out::println);
            if (settings.enginesOnly()) {
                out.println("Connection settings, e.g. to run an app from an IDE:");
                engines.springEnvironment().forEach((key, value) -> out.println("  export " + key + "=" + value));
                out.println("READY: engines running (Ctrl-C stops them)");
                return supervise(apps);
            }
            startApps(apps);
            if (!awaitHealthy(apps)) {
                return isStopRequested() ? 0 : 1;
            }
            printWelcome();
            return supervise(apps);
        } catch (EngineException | IllegalStateException e) {
            System.err.println("Local stack failed: " + e.getMessage());
            return 1;
        } finally {
            out.println("Stopping ...");
            apps.close();
            engines.close();
            out.println("Stopped.");
        }
    }

    private void printWelcome() {
        String base = "http://localhost:" + settings.gatewayPort();
        String keys = "-H 'apikey: demo-api-key' -H 'secretkey: demo-secret-key'";
        out.println();
        out.println("Demo tenant: apikey demo-api-key, secretkey demo-secret-key");
        out.println("Try:");
        out.println("  curl -s -X POST " + base + "/api/v4.0/integrations/batch/customers \\");
        out.println("    " + keys + " -H 'Content-Type: application/json' \\");
        out.println("    -d '{\"body\":[{\"customerId\":\"alice\",\"email\":\"alice@example.com\"}]}'");
        out.println("  curl -s " + base + "/api/v4.0/integrations/batch/<jobId> " + keys);
        out.println("Logs: " + settings.logDir() + " (Ctrl-C stops everything)");
        out.println("READY: loyalty batch API on " + base);
    }

    private void startApps(AppProcesses apps) {
        Ports.ensureFree(settings.gatewayPort(), "API gateway", "SERVER_PORT");
        Ports.ensureFree(settings.gatewayManagementPort(), "API gateway management", "GATEWAY_MANAGEMENT_PORT");
        if (settings.workers() > 0) {
            Ports.ensureFree(settings.workerPort(), "batch worker", "WORKER_SERVER_PORT");
        }
        apps.launchGateway(settings.gatewayPort(), settings.gatewayManagementPort());
        if (settings.workers() > 0) {
            apps.launchWorker("worker", settings.workerPort(), Map.of());
        }
        for (int n = 2; n <= settings.workers(); n++) {
            int port = LocalEngines.freePort();
            out.println("Worker " + n + ": health and metrics on http://localhost:" + port + "/actuator");
            apps.launchWorker("worker-" + n, port, Map.of());
        }
    }

    /** One more worker for the stack running already: its engines are where that stack's settings put them. */
    private int addWorker(AppProcesses apps) {
        String name = "worker-added-" + ProcessHandle.current().pid();
        int port = LocalEngines.freePort();
        try {
            apps.launchWorker(name, port, Map.of());
            out.println("READY: " + name + " started, health and metrics on http://localhost:" + port
                    + "/actuator (Ctrl-C stops it; its partitions move back to the others)");
            return supervise(apps);
        } finally {
            apps.close();
        }
    }

    /**
     * Waits until the gateway's health endpoint answers 200. False when an app died (its log tail is printed), time
     * ran out, or a stop was requested.
     */
    private boolean awaitHealthy(AppProcesses apps) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!apps.gatewayHealthy()) {
            if (reportDeadApp(apps) || awaitStop(Duration.ofMillis(500))) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                System.err.println("The gateway did not become healthy within " + START_TIMEOUT);
                return false;
            }
        }
        return !reportDeadApp(apps);
    }

    /** Whether an app has exited; if so prints which, its exit code and the tail of its log. */
    private static boolean reportDeadApp(AppProcesses apps) {
        Optional<JavaApp> dead = apps.deadApp();
        dead.ifPresent(app -> {
            int exitCode = app.stop(); // already dead: this flushes the rest of its echoed output first
            System.err.println(app.name() + " exited with code " + exitCode + "\n" + app.logTail(40));
        });
        return dead.isPresent();
    }

    /** Runs until Ctrl-C / SIGTERM (exit 0) or until an app dies (exit 1). */
    private int supervise(AppProcesses apps) {
        while (!awaitStop(Duration.ofSeconds(1))) {
            if (reportDeadApp(apps)) {
                return 1;
            }
        }
        return 0;
    }

    private void requestStop() {
        if (isStopRequested()) {
            out.println("Already stopping, please wait ...");
        }
        stopRequested.countDown();
    }

    private boolean isStopRequested() {
        return stopRequested.getCount() == 0;
    }

    /** Waits up to {@code timeout} for a stop request; true once one came. */
    private boolean awaitStop(Duration timeout) {
        try {
            return stopRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
