package io.loyaltybatch.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A server's data directory: either a persistent folder the caller owns or a temp dir deleted on close. */
final class DataDir {

    private final Path path;
    private final boolean temporary;

    private DataDir(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** Uses {@code persistent} when given, else creates a fresh temp directory named after {@code prefix}. */
    static DataDir of(Path persistent, String prefix) {
        try {
            if (persistent != null) {
                return new DataDir(Files.createDirectories(persistent.toAbsolutePath()), false);
            }
            return new DataDir(Files.createTempDirectory(prefix).toAbsolutePath(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + persistent, e);
        }
    }

    Path path() {
        return path;
    }

    boolean isTemporary() {
        return temporary;
    }

    /** Resolves {@code child} and creates it as a directory. */
    Path directory(String child) {
        try {
            return Files.createDirectories(path.resolve(child));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path.resolve(child), e);
        }
    }

    /** Deletes the directory tree when it is temporary; a persistent folder is always kept. */
    void deleteIfTemporary() {
        if (temporary) {
            deleteTree(path);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            // deepest first, so that each directory is empty when its turn comes
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
