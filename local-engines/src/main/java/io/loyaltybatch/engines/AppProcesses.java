package io.loyaltybatch.engines;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API gateway and any number of batch workers as child processes, configured only through the environment
 * variables an operator would set: the one launcher of the local stack, the system tests and the chaos tests.
 *
 * <p>Every app gets the engines' connection settings; the gateway also gets the demo tenant and the tenants added
 * with {@link #withTenant}. {@link #close()} stops the gateway first, so no new job arrives while workers drain.
 */
public final class AppProcesses implements AutoCloseable {

    public static final String DEMO_API_KEY = "demo-api-key";
    public static final String DEMO_SECRET_KEY = "demo-secret-key";

    private final Map<String, String> engineEnvironment;
    private final Path gatewayJar;
    private final Path workerJar;
    private final Path logDir;
    private final Map<String, String> gatewayEnvironment = new LinkedHashMap<>();
    private final Map<String, String> commonEnvironment = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<JavaApp> workers = new CopyOnWriteArrayList<>();
    private final Map<JavaApp, Integer> workerPorts = new ConcurrentHashMap<>();
    private PrintStream echo;
    private String rollingMaxFileSize;
    private String rollingTotalSizeCap;
    private boolean fastStart;
    private JavaApp gateway;
    private int gatewayPort = -1;
    private int gatewayManagementPort = -1;

    /**
     * @param engineEnvironment the engines' connection settings, as {@link LocalEngines#springEnvironment()} gives them
     * @param logDir            where each app's console output is appended, to {@code <name>.log}
     */
    public AppProcesses(Map<String, String> engineEnvironment, Path gatewayJar, Path workerJar, Path logDir) {
        this.engineEnvironment = Map.copyOf(engineEnvironment);
        this.gatewayJar = gatewayJar;
        this.workerJar = workerJar;
        this.logDir = logDir;
    }

    /**
     * For tests: the jars named by the system properties {@code gateway.jar} and {@code worker.jar}, logs under
     * {@code logs.dir} (default {@code target/process-logs}), each JVM limited to 256 MB of heap. The tenants' default
     * request rate is raised far above what a test sends, so only a test about limits (which sets a tenant's own) meets
     * one. The apps start {@linkplain #withFastStart() fast}.
     */
    public static AppProcesses forTests(LocalEngines engines) {
        return forTests(engines.springEnvironment());
    }

    /** As {@link #forTests(LocalEngines)}, with the engines' settings given (e.g. some of them replaced). */
    public static AppProcesses forTests(Map<String, String> engineEnvironment) {
        return new AppProcesses(
                        engineEnvironment,
                        Path.of(requiredProperty("gateway.jar")),
                        Path.of(requiredProperty("worker.jar")),
                        Path.of(System.getProperty("logs.dir", "target/process-logs")))
                .withJvmArgs("-Xmx256m")
                .withFastStart()
                .withGatewayEnv("LOYALTY_LIMITS_REQUESTSPERSECOND", "100000")
                .withGatewayEnv("LOYALTY_LIMITS_BURST", "100000")
                .withGatewayEnv("LOYALTY_LIMITS_CONCURRENTJOBS", "100000");
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set");
        }
        return value;
    }

    /** Copies each app's new log lines to {@code console}, prefixed with the app's name. */
    public AppProcesses echoTo(PrintStream console) {
        this.echo = console;
        return this;
    }

    /** Each app started from now on rolls its own log over ({@link JavaApp#withRollingLog}). */
    public AppProcesses withRollingLogs(String maxFileSize, String totalSizeCap) {
        this.rollingMaxFileSize = maxFileSize;
        this.rollingTotalSizeCap = totalSizeCap;
        return this;
    }

    /**
     * Every app started from now on starts from a {@link FastStart} copy of its jar: a third of the time and CPU, and
     * slower code once warm. For tests; never for a run whose speed matters.
     */
    public AppProcesses withFastStart() {
        this.fastStart = true;
        return this;
    }

    /** JVM options for every app started from now on. */
    public AppProcesses withJvmArgs(String... options) {
        jvmArgs.addAll(List.of(options));
        return this;
    }

    /** An environment variable of every app started from now on (e.g. a topic or consumer group of a test's own). */
    public AppProcesses withEnv(String name, String value) {
        commonEnvironment.put(name, value);
        return this;
    }

    /** An environment variable of the gateway only. */
    public AppProcesses withGatewayEnv(String name, String value) {
        gatewayEnvironment.put(name, value);
        return this;
    }

    /** A tenant of the gateway, configured as an operator would: its secret only as a SHA-256 digest. */
    public AppProcesses withTenant(String tenantId, String apiKey, String secretKey) {
        String prefix = "LOYALTY_TENANTS_" + tenantId.toUpperCase(Locale.ROOT) + "_";
        gatewayEnvironment.put(prefix + "APIKEY", apiKey);
        gatewayEnvironment.put(prefix + "SECRETSHA256", sha256Hex(secretKey));
        return this;
    }

    /** Whether both jars exist; names each missing one on {@code err}. */
    public boolean jarsPresent(PrintStream err) {
        boolean present = true;
        for (Path jar : List.of(gatewayJar, workerJar)) {
            if (!Files.isRegularFile(jar)) {
                err.println("Missing " + jar + ": build it with ./mvnw -DskipTests package (run.sh does).");
                present = false;
            }
        }
        return present;
    }

    /** Starts the gateway on free ports and waits until its health endpoint answers 200. */
    public JavaApp startGateway(Duration timeout) {
        launchGateway(LocalEngines.freePort(), LocalEngines.freePort());
        gateway.awaitHttpOk(health(), timeout);
        return gateway;
    }

    /** Starts the gateway without waiting (see {@link #gatewayHealthy()}). */
    public synchronized JavaApp launchGateway(int port, int managementPort) {
        if (gateway != null) {
            throw new IllegalStateException("the gateway was already started");
        }
        gatewayPort = port;
        gatewayManagementPort = managementPort;
        gateway = app("gateway", gatewayJar, gatewayEnvironment)
                .withEnv("SERVER_PORT", Integer.toString(port))
                .withEnv("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort))
                .withEnv("LOYALTY_DEMO_TENANT_ENABLED", "true")
                .start();
        return gateway;
    }

    /** Whether the started gateway's health endpoint answers 200 now. */
    public boolean gatewayHealthy() {
        return gateway != null && Http.isOk(health());
    }

    private URI health() {
        return URI.create("http://127.0.0.1:" + gatewayManagementPort + "/actuator/health");
    }

    /**
     * Starts a worker without waiting for it. Its health and metrics are served on {@code port}; {@code environment}
     * and {@code args} tune it.
     */
    public JavaApp launchWorker(String name, int port, Map<String, String> environment, String... args) {
        JavaApp worker = app(name, workerJar, environment)
                .withEnv("SERVER_PORT", Integer.toString(port))
                .withEnv(environment)
                .withArgs(args)
                .start();
        workerPorts.put(worker, port);
        workers.add(worker);
        return worker;
    }

    /** Starts a worker on a free port and waits until it logged {@code readyLine}. */
    public JavaApp startWorker(String name, Map<String, String> environment, String readyLine, Duration timeout) {
        JavaApp worker = launchWorker(name, LocalEngines.freePort(), environment);
        worker.awaitLogLine(readyLine, timeout);
        return worker;
    }

    /** An app of {@code jar} with the engines' settings, the common ones, then its own. */
    private JavaApp app(String name, Path jar, Map<String, String> ownEnvironment) {
        Map<String, String> common = new LinkedHashMap<>(engineEnvironment);
        common.putAll(commonEnvironment);
        Map<String, String> environment = new LinkedHashMap<>(common);
        environment.putAll(ownEnvironment);
        FastStart.Launch launch = new FastStart.Launch(jar, List.of());
        if (fastStart) {
            // the other app is prepared meanwhile, as most runs start both
            FastStart.prepareSoon(jar.equals(gatewayJar) ? workerJar : gatewayJar, common);
            launch = FastStart.of(jar, environment);
        }
        JavaApp app = new JavaApp(name, launch.jar(), logDir.resolve(name + ".log"))
                .withEnv(environment)
                .withJvmArgs(launch.jvmOptions().toArray(String[]::new))
                .withJvmArgs(jvmArgs.toArray(String[]::new))
                .echoTo(echo);
        return rollingMaxFileSize == null ? app : app.withRollingLog(rollingMaxFileSize, rollingTotalSizeCap);
    }

    /** A client of the gateway's API with the given keys. */
    public BatchApiClient client(String apiKey, String secretKey) {
        return new BatchApiClient("http://127.0.0.1:" + gatewayPort, apiKey, secretKey);
    }

    /** A client of the gateway's API as the demo tenant. */
    public BatchApiClient demoClient() {
        return client(DEMO_API_KEY, DEMO_SECRET_KEY);
    }

    public int gatewayPort() {
        return gatewayPort;
    }

    /** The port the gateway serves its health and metrics on. */
    public int gatewayManagementPort() {
        return gatewayManagementPort;
    }

    /** The port a worker serves its health and metrics on. */
    public int managementPort(JavaApp worker) {
        return workerPorts.get(worker);
    }

    public List<JavaApp> workers() {
        return List.copyOf(workers);
    }

    public List<JavaApp> runningWorkers() {
        return workers.stream().filter(JavaApp::isRunning).toList();
    }

    /** The gateway (if started) and every worker started. */
    public List<JavaApp> apps() {
        List<JavaApp> apps = new ArrayList<>();
        if (gateway != null) {
            apps.add(gateway);
        }
        apps.addAll(workers);
        return apps;
    }

    /** An app that was started and has exited since, if any. */
    public Optional<JavaApp> deadApp() {
        return apps().stream().filter(app -> !app.isRunning()).findFirst();
    }

    /** The console logs of every app started. */
    public List<Path> logFiles() {
        return apps().stream().map(JavaApp::logFile).toList();
    }

    /** SIGTERM to the gateway, then to each worker. */
    @Override
    public void close() {
        apps().forEach(JavaApp::stop);
    }

    /** Hex SHA-256 of {@code text}: the form in which secrets and admin tokens are configured. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
