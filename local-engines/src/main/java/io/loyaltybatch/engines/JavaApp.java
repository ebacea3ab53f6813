package io.loyaltybatch.engines;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An executable jar ({@code java -jar}) run as a child process, such as {@code api-gateway/target/api-gateway.jar}.
 *
 * <p>Its stdout and stderr are appended to a log file, which stays complete even if this JVM dies, and can be
 * echoed to a console with a {@code [name] } prefix. Or, {@linkplain #withRollingLog rolling}, a Spring Boot app
 * writes that file itself and rolls it over, and its console goes to {@code <name>.console.log} beside it. The child
 * runs in its own session, so a terminal's Ctrl-C reaches only the launcher, which then stops apps before engines.
 */
public final class JavaApp implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Path logFile;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private PrintStream echo;
    private LogFollower follower;
    private LogFollower consoleFollower;
    private RollingLog rolling;
    private Process process;

    /** Logback's size-based rollover, as Spring Boot's {@code logging.logback.rollingpolicy.*} sets it. */
    private record RollingLog(String maxFileSize, String totalSizeCap) {}

    /**
     * @param name    short name used in messages and as the echo prefix
     * @param jar     the executable jar
     * @param logFile where the app's console output is appended
     */
    public JavaApp(String name, Path jar, Path logFile) {
        this.name = name;
        this.jar = jar.toAbsolutePath();
        this.logFile = logFile.toAbsolutePath();
    }

    public synchronized JavaApp withEnv(String key, String value) {
        env.put(key, value);
        return this;
    }

    public synchronized JavaApp withEnv(Map<String, String> variables) {
        env.putAll(variables);
        return this;
    }

    public synchronized JavaApp withJvmArgs(String... options) {
        jvmArgs.addAll(List.of(options));
        return this;
    }

    public synchronized JavaApp withArgs(String... arguments) {
        args.addAll(List.of(arguments));
        return this;
    }

    /**
     * The app (a Spring Boot jar) writes its log file itself, starts a new one when it reaches {@code maxFileSize}
     * and keeps the older ones gzipped up to {@code totalSizeCap} in all, deleting the oldest; its console output is
     * off but for what comes before logging starts (the banner, JVM errors), which goes to {@code <name>.console.log}.
     * The sizes are Spring Boot's (e.g. {@code 10MB}); the environment's
     * {@code LOGGING_LOGBACK_ROLLINGPOLICY_MAX_FILE_SIZE} / {@code _TOTAL_SIZE_CAP} win over them.
     */
    public synchronized JavaApp withRollingLog(String maxFileSize, String totalSizeCap) {
        this.rolling = new RollingLog(maxFileSize, totalSizeCap);
        return this;
    }

    /** Also copies each new log line to {@code console} as {@code [name] line}; null turns echoing off. */
    public synchronized JavaApp echoTo(PrintStream console) {
        this.echo = console;
        return this;
    }

    /** Launches the jar (no waiting: use {@link #awaitLogLine} or {@link #awaitHttpOk}). */
    public synchronized JavaApp start() {
        if (isRunning()) {
            return this;
        }
        if (!Files.isRegularFile(jar)) {
            throw new EngineException(name + ": no jar at " + jar + " (build it first)");
        }
        List<String> command = new ArrayList<>(List.of(Processes.javaBinary()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        try {
            Files.createDirectories(logFile.getParent());
            Path console = rolling == null ? logFile : consoleFile();
            long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
            long consoleOffset = Files.exists(console) ? Files.size(console) : 0;
            ProcessBuilder builder = new ProcessBuilder(Processes.detached(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
            Map<String, String> environment = builder.environment();
            environment.putAll(env);
            if (rolling != null) {
                environment.put("LOGGING_FILE_NAME", logFile.toString());
                environment.put("LOGGING_THRESHOLD_CONSOLE", "OFF");
                environment.putIfAbsent("LOGGING_LOGBACK_ROLLINGPOLICY_MAX_FILE_SIZE", rolling.maxFileSize());
                environment.putIfAbsent("LOGGING_LOGBACK_ROLLINGPOLICY_TOTAL_SIZE_CAP", rolling.totalSizeCap());
            }
            process = builder.start();
            process.getOutputStream().close();
            closeFollowers(); // the previous run ended by itself: stop echoing it
            follower = new LogFollower(logFile, offset, name, echo);
            consoleFollower = rolling == null ? null : new LogFollower(console, consoleOffset, name, echo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        ShutdownHooks.register(this);
        return this;
    }

    /** Waits until a line containing {@code text} has been logged since the last start. */
    public void awaitLogLine(String text, Duration timeout) {
        LogFollower current = currentFollower();
        LogFollower console = consoleFollower;
        if (!Processes.await(
                timeout,
                this::isRunning,
                () -> current.contains(text) || (console != null && console.contains(text)))) {
            throw failure("did not log '" + text + "'");
        }
    }

    /** Waits until {@code uri} answers HTTP 200 to a GET. */
    public void awaitHttpOk(URI uri, Duration timeout) {
        if (!Processes.await(timeout, this::isRunning, () -> Http.isOk(uri))) {
            throw failure("did not answer 200 on " + uri);
        }
    }

    private EngineException failure(String what) {
        String state = isRunning() ? "is running but " : "exited with " + exitCode() + " and ";
        return new EngineException(name + " " + state + what + "\n" + logTail(60));
    }

    /** SIGTERM, then waits up to 30 s (SIGKILL after that); returns the exit code, -1 if it never ran. */
    public int stop() {
        return stop(Duration.ofSeconds(30));
    }

    /** SIGTERM, then waits up to {@code timeout} (SIGKILL after that); returns the exit code. */
    public synchronized int stop(Duration timeout) {
        if (process == null) {
            return -1;
        }
        int exit = process.isAlive() ? Processes.terminate(process, timeout) : process.exitValue();
        finish();
        return exit;
    }

    /** SIGKILL, as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            Processes.kill(process.toHandle());
            finish();
        }
    }

    private void finish() {
        closeFollowers();
        ShutdownHooks.unregister(this);
    }

    private void closeFollowers() {
        if (follower != null) {
            follower.close();
        }
        if (consoleFollower != null) {
            consoleFollower.close();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The exit code once the app has ended, else -1. */
    public synchronized int exitCode() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    /** The process id of the running app, else -1. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** The last lines of the log; with a rolling log, then the console's, if it printed anything. */
    public String logTail(int lines) {
        String tail = Processes.tail(logFile, lines);
        Path console = consoleFile();
        if (rolling != null && console.toFile().length() > 0) {
            tail += "\n--- last lines of " + console + " ---\n" + Processes.tail(console, lines);
        }
        return tail;
    }

    /** Where a rolling log's app prints its console: the banner, and JVM errors before logging starts. */
    private Path consoleFile() {
        String file = logFile.getFileName().toString();
        return logFile.resolveSibling(file.replaceFirst("\\.log$", "") + ".console.log");
    }

    public Path logFile() {
        return logFile;
    }

    public String name() {
        return name;
    }

    private synchronized LogFollower currentFollower() {
        if (follower == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return follower;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " (" + jar + ")";
    }
}
