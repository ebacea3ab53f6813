package io.loyaltybatch.system;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.JavaApp;
import io.loyaltybatch.engines.LocalEngines;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as separate processes: real Kafka, Redis and PostgreSQL, the gateway jar and worker jars, all
 * configured only through the standard environment variables an operator would set.
 */
final class RunningSystem implements AutoCloseable {

    static final String DEMO_KEY = "demo-api-key";
    static final String DEMO_SECRET = "demo-secret-key";
    /** A second tenant, configured as an operator would: its secret only as a digest. */
    static final String OTHER_KEY = "globex-key";

    static final String OTHER_SECRET = "globex-secret-7e1f";

    private final LocalEngines engines = LocalEngines.shared();
    private final Path logs = Path.of(System.getProperty("logs.dir", "target/process-logs"));
    private final int gatewayPort = LocalEngines.freePort();
    private final int gatewayManagementPort = LocalEngines.freePort();
    private final JavaApp gateway;
    private final Map<String, JavaApp> workers = new HashMap<>();

    RunningSystem() {
        gateway = new JavaApp("gateway", Path.of(System.getProperty("gateway.jar")), logs.resolve("gateway.log"))
                .withEnv(engines.springEnvironment())
                .withEnv("SERVER_PORT", Integer.toString(gatewayPort))
                .withEnv("MANAGEMENT_SERVER_PORT", Integer.toString(gatewayManagementPort))
                .withEnv("LOYALTY_DEMO_TENANT_ENABLED", "true")
                .withEnv("LOYALTY_TENANTS_GLOBEX_APIKEY", OTHER_KEY)
                .withEnv("LOYALTY_TENANTS_GLOBEX_SECRETSHA256", sha256Hex(OTHER_SECRET))
                .withJvmArgs("-Xmx256m");
    }

    RunningSystem start() {
        gateway.start();
        gateway.awaitHttpOk(
                URI.create("http://127.0.0.1:" + gatewayManagementPort + "/actuator/health"), Duration.ofSeconds(90));
        return this;
    }

    /** Starts a worker with its health and metrics on {@code port}; extra environment variables tune it. */
    JavaApp startWorker(String name, int port, Map<String, String> extraEnv) {
        JavaApp worker = new JavaApp(name, Path.of(System.getProperty("worker.jar")), logs.resolve(name + ".log"))
                .withEnv(engines.springEnvironment())
                .withEnv("SERVER_PORT", Integer.toString(port))
                .withEnv(extraEnv)
                .withJvmArgs("-Xmx256m")
                .start();
        worker.awaitLogLine("Started WorkerApplication", Duration.ofSeconds(90));
        workers.put(name, worker);
        return worker;
    }

    BatchApiClient demoClient() {
        return new BatchApiClient("http://127.0.0.1:" + gatewayPort, DEMO_KEY, DEMO_SECRET);
    }

    BatchApiClient otherTenantClient() {
        return demoClient().as(OTHER_KEY, OTHER_SECRET);
    }

    int gatewayPort() {
        return gatewayPort;
    }

    /** The console logs of the gateway and of every worker started. */
    List<Path> logFiles() {
        List<Path> files = new ArrayList<>(List.of(gateway.logFile()));
        workers.values().forEach(worker -> files.add(worker.logFile()));
        return files;
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Connection database() {
        try {
            return DriverManager.getConnection(
                    engines.postgres().jdbcUrl(),
                    engines.postgres().username(),
                    engines.postgres().password());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        workers.values().forEach(JavaApp::close);
        gateway.close();
    }
}
