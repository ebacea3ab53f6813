package io.loyaltybatch.engines;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the binary bundled by {@code com.github.codemonstur:embedded-redis}) bound to 127.0.0.1.
 *
 * <p>embedded-redis only provides the binary: this class runs it itself so that it can SIGKILL it, send its
 * console to {@code logs/redis.log} (embedded-redis leaves the pipe undrained, which would block a chatty
 * server) and keep it out of the terminal's process group. Snapshots are off ({@code save ""}); persistent
 * mode turns on the append-only file in {@code <dataDir>/data}.
 */
public final class RedisServer extends ProcessEngine implements RedisEngine {

    private static File binary;

    /** A cluster node listens for its cluster bus on its port plus this (fixed before Redis 7). */
    static final int CLUSTER_BUS_OFFSET = 10_000;

    private final int port;
    private final boolean appendOnly;
    private final boolean clusterNode;

    /** A throwaway server on a free port: temp directory, no persistence. */
    public RedisServer() {
        this(0, null, false);
    }

    /**
     * @param port       port on 127.0.0.1, 0 for a free one (kept across restarts)
     * @param dataDir    data directory, or null for a temp dir deleted on close
     * @param appendOnly whether to log every write to an append-only file (survives stop, kill and restart)
     */
    public RedisServer(int port, Path dataDir, boolean appendOnly) {
        this(port, dataDir, appendOnly, false);
    }

    private RedisServer(int port, Path dataDir, boolean appendOnly, boolean clusterNode) {
        super(DataDir.of(dataDir, clusterNode ? "redis-cluster-node" : "redis-server"));
        this.port = port != 0
                ? port
                : clusterNode ? Processes.freePortWithPartner(CLUSTER_BUS_OFFSET) : Processes.freePort();
        this.appendOnly = appendOnly;
        this.clusterNode = clusterNode;
    }

    /**
     * A throwaway server in cluster mode on a free port, holding no slots until a {@link RedisCluster} assigns them;
     * its cluster state ({@code nodes.conf}) lives in its temp directory.
     */
    static RedisServer clusterNode() {
        return new RedisServer(0, null, false, true);
    }

    /** A server that keeps its data in {@code dataDir} across restarts, as the local launcher needs. */
    public static RedisServer persistent(int port, Path dataDir) {
        return new RedisServer(port, dataDir, true);
    }

    @Override
    List<String> command() {
        dir.directory("logs");
        List<String> command = new ArrayList<>(List.of(
                binary().getAbsolutePath(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                appendOnly ? "yes" : "no",
                "--dir",
                dir.directory("data").toString(),
                "--daemonize",
                "no"));
        if (clusterNode) {
            command.addAll(List.of(
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "nodes.conf",
                    "--cluster-node-timeout",
                    "5000"));
        }
        return command;
    }

    @Override
    boolean awaitReady(Process started) {
        // PING answers -LOADING while a large append-only file is replayed, so only +PONG means ready
        return Processes.await(Duration.ofSeconds(30), started::isAlive, () -> pong(port));
    }

    /** Whether a Redis server on {@code port} answers PING with PONG (not -LOADING). */
    static boolean pong(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Extracts the bundled binary once per JVM (into a temp dir that embedded-redis deletes at exit). */
    private static synchronized File binary() {
        if (binary == null) {
            try {
                binary = ExecutableProvider.newJarResourceProvider().get();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot extract the embedded Redis binary", e);
            }
        }
        return binary;
    }

    @Override
    Path consoleLog() {
        return dir.path().resolve("logs/redis.log");
    }

    @Override
    String failureDetails() {
        return Processes.tail(consoleLog(), 30);
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public String toString() {
        return "Redis on " + url() + " (data " + dir.path() + ")";
    }
}
