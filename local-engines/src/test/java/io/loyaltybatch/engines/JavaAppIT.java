package io.loyaltybatch.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaAppIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void startsAwaitsEchoesStopsAndKills() throws Exception {
        int port = Processes.freePort();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (JavaApp app = new JavaApp("echo", executableJar(), dir.resolve("logs/echo.log"))
                .withEnv("GREETING", "world")
                .withEnv("PORT", Integer.toString(port))
                .echoTo(new PrintStream(console, true, StandardCharsets.UTF_8))) {
            app.start();
            app.awaitLogLine("hello world", TIMEOUT);
            app.awaitHttpOk(URI.create("http://127.0.0.1:" + port + "/health"), TIMEOUT);
            assertThat(app.pid()).isPositive();

            assertThat(app.stop()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hooks ran
            assertThat(app.isRunning()).isFalse();
            assertThat(app.logFile()).content().contains("hello world", "bye");
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("[echo] hello world", "[echo] bye");

            app.start();
            app.awaitHttpOk(URI.create("http://127.0.0.1:" + port + "/health"), TIMEOUT);
            app.kill();
            assertThat(app.exitCode()).isEqualTo(137); // 128 + SIGKILL: no shutdown hook
        }
    }

    @Test
    void awaitingAnAppThatDiedReportsItsExitCodeAndLog() throws Exception {
        try (JavaApp app =
                new JavaApp("doomed", executableJar(), dir.resolve("doomed.log")).withEnv("EXIT_AT_ONCE", "3")) {
            app.start();
            assertThatThrownBy(() -> app.awaitHttpOk(URI.create("http://127.0.0.1:9/health"), TIMEOUT))
                    .isInstanceOf(EngineException.class)
                    .hasMessageContaining("exited with 3")
                    .hasMessageContaining("failing on purpose");
        }
    }

    /** A jar whose manifest runs {@link EchoApp} from the test classes directory. */
    private Path executableJar() throws IOException {
        Path jar = dir.resolve("echo.jar");
        if (Files.exists(jar)) {
            return jar;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, EchoApp.class.getName());
        manifest.getMainAttributes()
                .put(
                        Attributes.Name.CLASS_PATH,
                        EchoApp.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toString());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.finish();
        }
        return jar;
    }
}
