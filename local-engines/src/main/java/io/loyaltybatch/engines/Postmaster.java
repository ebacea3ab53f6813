package io.loyaltybatch.engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL server process of a data directory, found through {@code postmaster.pid}: zonky starts it
 * with {@code pg_ctl}, which detaches it, so no {@link Process} of ours represents it.
 */
final class Postmaster {

    private final Path pidFile;

    Postmaster(Path dataDirectory) {
        this.pidFile = dataDirectory.resolve("postmaster.pid");
    }

    Optional<ProcessHandle> handle() {
        try {
            return line(0).flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean isAlive() {
        return handle().map(ProcessHandle::isAlive).orElse(false);
    }

    /** SIGKILL to the postmaster and its backends, waiting until all are gone. */
    void killAll() {
        Optional<ProcessHandle> postmaster = handle();
        // collect the backends first: once the postmaster is gone they are re-parented and out of reach
        List<ProcessHandle> backends =
                postmaster.map(p -> p.descendants().toList()).orElse(List.of());
        postmaster.ifPresent(Processes::kill);
        backends.forEach(Processes::kill);
    }

    /** The id of the System V shared memory segment (line 7 of postmaster.pid holds its key and id). */
    Optional<String> sharedMemoryId() {
        return line(6).map(text -> text.strip().split("\\s+"))
                .filter(fields -> fields.length == 2)
                .map(fields -> fields[1]);
    }

    /**
     * Removes a segment that a killed postmaster left behind. The next start in the same directory would
     * do it; a server closed after a kill never starts again. Best effort: {@code ipcrm} may be missing.
     */
    static void removeSharedMemory(String id) {
        try {
            new ProcessBuilder("ipcrm", "-m", id)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            // nothing to do: the segment is 56 bytes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<String> line(int index) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.size() > index ? Optional.of(lines.get(index)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
