package io.loyaltybatch.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lifecycle shared by the engines that run one child process of their own (Kafka and Redis). */
abstract class ProcessEngine implements Engine {

    final DataDir dir;
    private final Logger log = LoggerFactory.getLogger(getClass());
    private Process process;

    ProcessEngine(DataDir dir) {
        this.dir = dir;
    }

    /** Prepares the data directory and returns the server's command line. */
    abstract List<String> command();

    /** Waits until the server answers clients; false on timeout or as soon as the process dies. */
    abstract boolean awaitReady(Process started);

    /** Where the child's stdout and stderr go. */
    abstract Path consoleLog();

    /** Log tails that explain a failed start. */
    abstract String failureDetails();

    @Override
    public final synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = command();
        try {
            process = new ProcessBuilder(Processes.detached(command))
                    .directory(dir.path().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(consoleLog().toFile()))
                    .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + this, e);
        }
        ShutdownHooks.register(this);
        if (!awaitReady(process)) {
            String why = process.isAlive() ? "did not become ready in time" : "exited with " + process.exitValue();
            Processes.kill(process.toHandle());
            throw new EngineException(this + " " + why + "\n" + failureDetails());
        }
        log.info("{} ready (pid {})", this, process.pid());
    }

    @Override
    public final synchronized void stop() {
        if (isRunning()) {
            int exit = Processes.terminate(process, Duration.ofSeconds(30));
            log.info("{} stopped (exit {})", this, exit);
        }
    }

    @Override
    public final synchronized void kill() {
        if (isRunning()) {
            Processes.kill(process.toHandle());
            log.info("{} killed", this);
        }
    }

    @Override
    public final synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public final synchronized void close() {
        // throwaway data needs no graceful shutdown, and killing keeps test suites fast
        if (dir.isTemporary()) {
            kill();
        } else {
            stop();
        }
        dir.deleteIfTemporary();
        ShutdownHooks.unregister(this);
    }

    /** The server's process id, or -1 when it is not running. */
    public final synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    /** The data directory (persistent, or a temp dir deleted on close). */
    public final Path dataDir() {
        return dir.path();
    }
}
