package io.loyaltybatch.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spring Boot jars that tests start many times, started in a third of the time and CPU: each jar is unpacked beside
 * itself once ({@code -Djarmode=tools extract}) and one training run writes a class data sharing archive of the
 * classes it loaded ({@code -XX:ArchiveClassesAtExit} with {@code -Dspring.context.exit=onRefresh}, Spring Boot's
 * documented way); every start then maps that archive and compiles with C1 only, on the serial collector.
 *
 * <p>Measured on two cores: a gateway that starts in about 9 s and 15 s of CPU from its jar starts in about 2.5 s and 3
 * s of CPU this way. C1-only code runs slower once warm, which tests do not measure; {@code ./run.sh} and the
 * benchmarks never use this.
 *
 * <p>The prepared copy lives in {@code <jar's folder>/fast-start/<jar name>/} and serves every later JVM until the jar
 * changes (its size and time are kept in a stamp); a file lock keeps two JVMs from preparing it at once. When any
 * step fails, the app simply starts from its jar, and {@code fast-start/<jar name>-*.log} tells why.
 */
final class FastStart {

    private static final Logger log = LoggerFactory.getLogger(FastStart.class);

    /** C1 only and the serial collector: on two cores, the cheapest start. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

    /** Per jar, what this JVM prepared or is preparing; a failed preparation is not tried again. */
    private static final Map<Path, CompletableFuture<Launch>> PREPARED = new ConcurrentHashMap<>();

    /** How to launch an app: the jar to run and the JVM options that go with it. */
    record Launch(Path jar, List<String> jvmOptions) {}

    private FastStart() {}

    /**
     * The fast launch of {@code jar}, preparing it first if this jar was never prepared; the training run gets
     * {@code environment} (it needs the engines: the app starts its context, connections included).
     */
    static Launch of(Path jar, Map<String, String> environment) {
        return preparing(jar, environment).join();
    }

    /**
     * Starts preparing {@code jar} on a thread of its own, unless this JVM prepared it or is preparing it already: an
     * app started later then waits only for what is left of it (two training runs take about the time of one).
     */
    static void prepareSoon(Path jar, Map<String, String> environment) {
        preparing(jar, environment);
    }

    private static CompletableFuture<Launch> preparing(Path jar, Map<String, String> environment) {
        return PREPARED.computeIfAbsent(jar.toAbsolutePath().normalize(), path -> {
            CompletableFuture<Launch> launch = new CompletableFuture<>();
            Thread preparer =
                    new Thread(() -> launch.complete(prepare(path, environment)), "fast-start-" + path.getFileName());
            preparer.setDaemon(true);
            preparer.start();
            return launch;
        });
    }

    private static Launch prepare(Path jar, Map<String, String> environment) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path home = jar.resolveSibling("fast-start");
        try {
            Files.createDirectories(home);
            // the lock is held until the channel closes
            try (FileChannel lock = FileChannel.open(
                    home.resolve(name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                lock.lock();
                return prepareLocked(jar, home, name, environment);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("{} starts from its jar: preparing a fast start failed: {}", name, e.toString());
            return new Launch(jar, List.of());
        }
    }

    private static Launch prepareLocked(Path jar, Path home, String name, Map<String, String> environment)
            throws IOException {
        Path dir = home.resolve(name);
        Path archive = dir.resolve("app.jsa");
        Launch fast = new Launch(
                dir.resolve(jar.getFileName()),
                concat(JVM_OPTIONS, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off")));
        Path stampFile = dir.resolve("stamp");
        String stamp = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
        if (Files.isRegularFile(stampFile) && Files.readString(stampFile).equals(stamp)) {
            return fast;
        }
        long started = System.nanoTime();
        deleteTree(dir);
        run(
                List.of(
                        Processes.javaBinary(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        dir.toString()),
                Map.of(),
                home.resolve(name + "-extract.log"));
        List<String> training = new ArrayList<>(List.of(Processes.javaBinary(), "-Xmx256m"));
        training.addAll(JVM_OPTIONS);
        training.addAll(List.of(
                "-XX:ArchiveClassesAtExit=" + archive,
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-Dspring.context.exit=onRefresh",
                "-jar",
                fast.jar().toString()));
        run(training, trainingEnvironment(environment), home.resolve(name + "-training.log"));
        Files.writeString(stampFile, stamp);
        log.info("{} prepared for fast starts in {} ms ({})", name, (System.nanoTime() - started) / 1_000_000, dir);
        return fast;
    }

    /** The app's own settings, on free ports: the training run serves nothing, but must not meet a taken port. */
    private static Map<String, String> trainingEnvironment(Map<String, String> environment) {
        Map<String, String> training = new LinkedHashMap<>(environment);
        training.put("SERVER_PORT", Integer.toString(Processes.freePort()));
        training.put("MANAGEMENT_SERVER_PORT", Integer.toString(Processes.freePort()));
        return training;
    }

    private static void run(List<String> command, Map<String, String> environment, Path output) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!Processes.waitFor(process, STEP_TIMEOUT)) {
            process.destroyForcibly();
            throw new EngineException(String.join(" ", command) + " did not end within " + STEP_TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new EngineException("exit " + process.exitValue() + " of " + String.join(" ", command) + "\n"
                    + Processes.tail(output, 30));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
