package io.loyaltybatch.engines;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Reads what a child appended to its log file since it started, and optionally echoes it with a prefix. */
final class LogFollower {

    private final Path file;
    private final long start;
    private final String prefix;
    private final PrintStream echo;
    private volatile boolean closed;
    private final Thread thread;
    private long echoed;
    private final StringBuilder partial = new StringBuilder();

    LogFollower(Path file, long start, String name, PrintStream echo) {
        this.file = file;
        this.start = start;
        this.prefix = "[" + name + "] ";
        this.echo = echo;
        this.echoed = start;
        this.thread = echo == null ? null : new Thread(this::follow, name + "-log");
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Whether the log has a line containing {@code text} since the start. */
    boolean contains(String text) {
        return read(start).contains(text);
    }

    /** What the file holds from {@code from} on; all of it if it is shorter (rolled over since). */
    private String read(long from) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < from) {
                from = 0;
            }
            if (length == from) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - from, Integer.MAX_VALUE - 8)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void follow() {
        try {
            while (!closed) {
                echoNewLines();
                Processes.pause(Duration.ofMillis(200));
            }
        } catch (EngineException interrupted) {
            return;
        }
        echoNewLines(); // what the app wrote while shutting down
    }

    private void echoNewLines() {
        if (file.toFile().length() < echoed) {
            // the app rolled its log over: the new file starts from scratch
            echoed = 0;
            partial.setLength(0);
        }
        String chunk = read(echoed);
        // count bytes, not chars, so that multi-byte characters do not shift the position
        echoed += chunk.getBytes(StandardCharsets.UTF_8).length;
        partial.append(chunk);
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            echo.println(prefix + partial.substring(0, newline));
            partial.delete(0, newline + 1);
        }
    }

    /** Stops echoing after a last read, waiting briefly for it. */
    void close() {
        closed = true;
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
