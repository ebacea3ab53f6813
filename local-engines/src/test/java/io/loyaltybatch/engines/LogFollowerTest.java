package io.loyaltybatch.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private String echoed() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void echoesEveryLineInOrderAcrossARolloverIncludingTheRenamedFilesLastLines() throws IOException {
        Path log = dir.resolve("app.log");
        append(log, "before the start\n");
        LogFollower follower =
                new LogFollower(log, Files.size(log), "app", new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            append(log, "one\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> echoed().contains("[app] one"));
            append(log, "two, written just before the rollover\n");
            Files.move(log, dir.resolve("app.log.1"));
            append(log, "three, in the new file\nfour\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> echoed().contains("[app] four"));
            assertThat(echoed().lines())
                    .containsExactly(
                            "[app] one",
                            "[app] two, written just before the rollover",
                            "[app] three, in the new file",
                            "[app] four");
            assertThat(follower.contains("four")).isTrue();
            assertThat(follower.contains("one")).as("rolled into the archive").isFalse();
        } finally {
            follower.close();
        }
    }

    @Test
    void aLineIsEchoedOnceItIsCompleteWithMultiByteCharactersIntact() throws IOException {
        Path log = dir.resolve("app.log");
        LogFollower follower = new LogFollower(log, 0, "app", new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            append(log, "caf");
            byte[] e = "é\n".getBytes(StandardCharsets.UTF_8);
            Files.write(log, new byte[] {e[0]}, StandardOpenOption.APPEND);
            Files.write(log, new byte[] {e[1], e[2]}, StandardOpenOption.APPEND);

            await().atMost(Duration.ofSeconds(10)).until(() -> echoed().contains("[app] café"));
            assertThat(echoed().lines()).containsExactly("[app] café");
        } finally {
            follower.close();
        }
    }
}
