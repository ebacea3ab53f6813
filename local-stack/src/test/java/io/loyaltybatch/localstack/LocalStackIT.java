package io.loyaltybatch.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.LocalEngines;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged launcher against a fake checkout whose app jars are {@link FakeApp}. */
class LocalStackIT {

    private static final Path LAUNCHER = Path.of("target/local-stack.jar").toAbsolutePath();

    @TempDir
    Path checkout;

    private final Map<String, String> env = new HashMap<>();
    private Path output;

    @BeforeEach
    void fakeCheckout() throws IOException {
        fakeJar(checkout.resolve("api-gateway/target/api-gateway.jar"));
        fakeJar(checkout.resolve("batch-worker/target/batch-worker.jar"));
        output = checkout.resolve("launcher.out");
        int kafka = LocalEngines.freePortPair();
        env.put("LOCAL_KAFKA_PORT", Integer.toString(kafka));
        env.put("LOCAL_REDIS_PORT", Integer.toString(LocalEngines.freePort()));
        env.put("LOCAL_POSTGRES_PORT", Integer.toString(LocalEngines.freePort()));
        env.put("SERVER_PORT", Integer.toString(LocalEngines.freePort()));
        env.put("GATEWAY_MANAGEMENT_PORT", Integer.toString(LocalEngines.freePort()));
        env.put("WORKER_SERVER_PORT", Integer.toString(LocalEngines.freePort()));
    }

    @Test
    void startsEnginesAndAppsThenStopsEverythingOnSigtermWithExitCodeZero() throws Exception {
        Process launcher = launch();
        await().atMost(Duration.ofMinutes(2))
                .until(() -> Files.readString(output)
                        .contains("READY: loyalty batch API on http://localhost:" + env.get("SERVER_PORT")));
        // the worker is not waited for by the launcher: wait until it, too, is up
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(output).contains("[worker] worker ready"));
        List<ProcessHandle> children = launcher.descendants().toList();
        assertThat(Files.readString(output))
                .contains(
                        "demo-api-key",
                        "demo-secret-key",
                        "curl",
                        "[gateway] gateway LOYALTY_DEMO_TENANT_ENABLED=true",
                        "[worker] worker SERVER_PORT=" + env.get("WORKER_SERVER_PORT"),
                        "[worker] worker SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + env.get("LOCAL_KAFKA_PORT"),
                        "[gateway] gateway SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:"
                                + env.get("LOCAL_POSTGRES_PORT"));

        launcher.destroy(); // SIGTERM, as Ctrl-C's SIGINT would
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isZero();
        assertThat(Files.readString(output))
                .contains("[gateway] gateway stopping", "[worker] worker stopping", "Stopped.");
        assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
        // the fake apps print to their console; a real app writes gateway.log itself
        assertThat(checkout.resolve(".local/logs/gateway.console.log"))
                .content()
                .contains("gateway stopping");
        assertThat(checkout.resolve(".local/kafka/data/meta.properties")).exists();
        assertThat(checkout.resolve(".local/postgres/data/PG_VERSION")).exists();
    }

    @Test
    void appDyingAtStartupStopsTheStackWithItsLogTailAndANonZeroExit() throws Exception {
        env.put("FAKE_WORKER_EXIT", "3");
        Process launcher = launch();
        assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(launcher.exitValue()).isEqualTo(1);
        // the fake gateway may be healthy, or not even started, when the worker dies: only the outcome is fixed
        assertThat(Files.readString(output))
                .contains("worker exited with code 3", "worker cannot start on purpose", "Stopped.");
        for (String port : List.of("LOCAL_KAFKA_PORT", "LOCAL_REDIS_PORT", "LOCAL_POSTGRES_PORT", "SERVER_PORT")) {
            try (ServerSocket free = new ServerSocket(Integer.parseInt(env.get(port)))) {
                assertThat(free.isBound()).as(port + " is free again").isTrue();
            }
        }
    }

    private Process launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", LAUNCHER.toString())
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        List.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATA_REDIS_URL", "SPRING_DATASOURCE_URL")
                .forEach(builder.environment()::remove);
        return builder.start();
    }

    /** A jar whose manifest runs {@link FakeApp} from the test classes directory. */
    private static void fakeJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeApp.class.getName());
        manifest.getMainAttributes()
                .put(
                        Attributes.Name.CLASS_PATH,
                        FakeApp.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toString());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.finish();
        }
    }
}
