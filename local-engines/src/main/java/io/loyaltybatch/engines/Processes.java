package io.loyaltybatch.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Small process and file helpers shared by the engines. */
final class Processes {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private Processes() {}

    /** Ports handed out by {@link #freePort()}: the system may offer a port again until someone binds it. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * Where JVMs running at once (Maven's parallel modules, a launcher beside its test) note the ports they handed out:
     * a file per port, locked for as long as the JVM that claimed it lives, so no two of them hand out the same one.
     */
    private static final Path CLAIMS =
            Path.of(System.getProperty("java.io.tmpdir"), "loyalty-batch-ports-" + System.getProperty("user.name"));

    /** The claim files' channels, kept open (so locked) until this JVM ends. */
    private static final List<FileChannel> CLAIMED = new CopyOnWriteArrayList<>();

    /**
     * The ports handed out: from {@link #FIRST_PORT} up to below the range the system picks the local ports of
     * outgoing connections from ({@code ip_local_port_range} on Linux, 49152 elsewhere), the successor of each
     * included. A port in that range can be taken by any process's outgoing connection between the moment it is
     * handed out and the moment its server binds it, which a busy build (two modules' engines and apps at once) does.
     */
    private static final int FIRST_PORT = 20_000;

    private static final int END_PORT = lowestOutgoingPort() - 1;

    /** A port free on loopback now and never handed out before by this JVM or by another one still running. */
    static int freePort() {
        return freePortWithPartner(0);
    }

    /**
     * A free port whose {@code port + offset} is free too (0: none), both claimed and both below the range of
     * outgoing ports: a Kafka broker's controller listens on its port + 1, and a Redis Cluster node (before Redis 7)
     * its cluster bus on its port + 10000.
     */
    static int freePortWithPartner(int offset) {
        // on a system whose outgoing range starts low, the ports below it are all there is
        int first = Math.max(1_024, Math.min(FIRST_PORT, END_PORT - 2_000) - offset);
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(first, END_PORT - offset);
            boolean partnerFree = offset == 0 || bindable(port + offset);
            if (bindable(port) && partnerFree && claim(port) && (offset == 0 || claim(port + offset))) {
                return port;
            }
        }
        throw new IllegalStateException("no free port (with its partner " + offset + " above) below " + END_PORT);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int lowestOutgoingPort() {
        try {
            List<String> range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            return Integer.parseInt(range.get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 49_152;
        }
    }

    /** Claims {@code port} for this JVM; false if this JVM or another running one claimed it before. */
    static boolean claim(int port) {
        if (!HANDED_OUT.add(port)) {
            return false;
        }
        try {
            Files.createDirectories(CLAIMS);
            FileChannel file = FileChannel.open(
                    CLAIMS.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (file.tryLock() == null) {
                file.close();
                return false;
            }
            CLAIMED.add(file);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim port " + port + " in " + CLAIMS, e);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Prefixes {@code setsid} when available. A child in its own session does not get the terminal's Ctrl-C,
     * so a launcher can stop apps before engines instead of everything dying at once. The JVM's child is
     * never a process group leader, so setsid execs in place and the pid stays the same.
     */
    static List<String> detached(List<String> command) {
        List<String> result = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            result.add(SETSID.toString());
        }
        result.addAll(command);
        return result;
    }

    /** Sends SIGTERM, waits up to {@code timeout}, then SIGKILL; returns the exit code. */
    static int terminate(Process process, Duration timeout) {
        process.destroy();
        if (!waitFor(process, timeout)) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(30));
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGKILL and wait until the process is gone, so that its ports and locks are free. */
    static void kill(ProcessHandle process) {
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while killing pid " + process.pid(), e);
        } catch (Exception e) {
            throw new EngineException("pid " + process.pid() + " did not die after SIGKILL", e);
        }
    }

    static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for pid " + process.pid(), e);
        }
    }

    /**
     * Polls {@code ready} every 100 ms until it is true; returns false on timeout or as soon as
     * {@code alive} turns false (a dead server will never become ready).
     */
    static boolean await(Duration timeout, BooleanSupplier alive, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.getAsBoolean()) {
                return true;
            }
            if (!alive.getAsBoolean()) {
                return false;
            }
            pause(Duration.ofMillis(100));
        }
        return ready.getAsBoolean();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }

    /** The last {@code lines} lines of a text file, or a note when it does not exist. */
    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no file " + file + ")";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "--- last lines of " + file + " ---\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
