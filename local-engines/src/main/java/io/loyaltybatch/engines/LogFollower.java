package io.loyaltybatch.engines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

/**
 * Reads what a child appended to its log file since it started, and optionally echoes it with a prefix. The file may
 * roll over (an app renames it and starts a new one): the echo keeps the renamed file open until it has read all of
 * it, then follows the new file from its start.
 */
final class LogFollower {

    private final Path file;
    private final long start;
    private final String prefix;
    private final PrintStream echo;
    private volatile boolean closed;
    private final Thread thread;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private RandomAccessFile followed;
    private Object followedKey;

    LogFollower(Path file, long start, String name, PrintStream echo) {
        this.file = file;
        this.start = start;
        this.prefix = "[" + name + "] ";
        this.echo = echo;
        this.thread = echo == null ? null : new Thread(this::follow, name + "-log");
        if (thread != null) {
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Whether the log has a line containing {@code text} since the start: in the current file only, so a line that
     * has rolled over into an archive is no longer found.
     */
    boolean contains(String text) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = length < start ? 0 : start; // shorter: rolled over since the start
            byte[] bytes = new byte[(int) Math.min(length - from, Integer.MAX_VALUE - 8)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
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
        } finally {
            echoNewLines(); // what the app wrote while shutting down
            closeFollowed();
        }
    }

    private void echoNewLines() {
        try {
            if (followed == null && !open(start)) {
                return; // not written yet
            }
            echoToEnd();
            Object key = key(file);
            if (key != null && !key.equals(followedKey)) {
                // rolled over: the renamed file was read to its end just now; the new one starts from scratch
                closeFollowed();
                if (open(0)) {
                    echoToEnd();
                }
            }
        } catch (IOException e) {
            closeFollowed(); // opened again at the next poll
        }
    }

    private boolean open(long from) throws IOException {
        Object key = key(file);
        if (key == null) {
            return false;
        }
        followed = new RandomAccessFile(file.toFile(), "r");
        followedKey = key;
        followed.seek(Math.min(from, followed.length()));
        return true;
    }

    /** Echoes every complete line from the position to the end of the followed file. */
    private void echoToEnd() throws IOException {
        long length = followed.length();
        if (length < followed.getFilePointer()) {
            followed.seek(0); // truncated in place
        }
        while (followed.getFilePointer() < length) {
            byte[] bytes = new byte[(int) Math.min(length - followed.getFilePointer(), 1 << 20)];
            followed.readFully(bytes);
            for (byte b : bytes) {
                if (b == '\n') {
                    echo.println(prefix + line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }

    private static Object key(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private void closeFollowed() {
        if (followed != null) {
            try {
                followed.close();
            } catch (IOException e) {
                // read-only: nothing to lose
            }
            followed = null;
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
