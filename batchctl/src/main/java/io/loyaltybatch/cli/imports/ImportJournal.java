package io.loyaltybatch.cli.imports;

import io.loyaltybatch.cli.UsageError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an import of a file has submitted so far, in a file of its own: the file's digest, then one line per chunk the
 * API accepted ({@code chunk <n> <jobId>}), written as soon as it was. A rerun or {@code --resume} reads it and
 * submits only the chunks it does not name; a chunk the API accepted just before a crash, so not written here, is
 * sent again with the same {@code Idempotency-Key} and the API answers the job it created.
 */
final class ImportJournal implements AutoCloseable {

    private final Path path;
    private final Map<Integer, Long> jobs = new ConcurrentHashMap<>();
    private final BufferedWriter writer;

    private ImportJournal(Path path, BufferedWriter writer) {
        this.path = path;
        this.writer = writer;
    }

    /** The journal of this file's import: read if it exists for the same content, else started. */
    static ImportJournal open(Path path, String digest, boolean mustExist) {
        try {
            if (!Files.exists(path)) {
                if (mustExist) {
                    throw new UsageError("nothing to resume: no import of this file is recorded in " + path);
                }
                Files.createDirectories(path.toAbsolutePath().getParent());
                BufferedWriter writer =
                        Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                writer.write("digest " + digest + "\n");
                writer.flush();
                return new ImportJournal(path, writer);
            }
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals("digest " + digest)) {
                throw new UsageError("the file changed since the import recorded in " + path
                        + "; remove that file to import it afresh");
            }
            ImportJournal journal = new ImportJournal(
                    path, Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split(" ");
                // a line cut short by a crash is not a record
                if (parts.length == 3 && parts[0].equals("chunk") && line.endsWith(parts[2])) {
                    try {
                        journal.jobs.put(Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                    } catch (NumberFormatException e) {
                        // the same
                    }
                }
            }
            return journal;
        } catch (IOException e) {
            throw new UsageError("cannot use " + path + ": " + e.getMessage());
        }
    }

    Path path() {
        return path;
    }

    /** The job of a chunk the API accepted, or null. */
    Long job(int chunk) {
        return jobs.get(chunk);
    }

    Map<Integer, Long> jobs() {
        return jobs;
    }

    /** Records that the API accepted a chunk as a job; on disk when this returns. */
    synchronized void accepted(int chunk, long jobId) {
        jobs.put(chunk, jobId);
        try {
            writer.write("chunk " + chunk + " " + jobId + "\n");
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            // every record was flushed when written
        }
    }
}
