package io.loyaltybatch.cli.imports;

import io.loyaltybatch.cli.ApiClient;
import io.loyaltybatch.cli.Batchctl;
import io.loyaltybatch.cli.UsageError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports a file as batch jobs: streams its rows (constant memory), maps each to an item, sends them in jobs of up to
 * 1,000 items, several at a time, each with an {@code Idempotency-Key} made of the file's content digest and the
 * chunk's number, and records each accepted chunk in a journal beside the file. A rerun or {@code --resume}
 * therefore never submits a chunk twice. With {@code --wait} it follows the jobs to their end. Every row that failed
 * (could not be mapped, or was failed by the API) goes to a failures file with its line, code and message, in the
 * file's own format, and can be imported again once mended.
 */
@Command(
        name = "import",
        description = "Imports a CSV, JSONL or JSON file as batch jobs of up to 1,000 items. Exit code 1 if any row "
                + "failed; every failed row is in the failures file.")
public final class ImportCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> TYPES =
            List.of("customers", "orders", "balance-inquiry", "balance-adjustment", "cashback", "redeem", "events");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int LOOKS_PER_ROUND = 16;

    @Mixin
    Batchctl.Connection connection = new Batchctl.Connection();

    @Spec
    CommandSpec spec;

    @Option(
            names = "--type",
            required = true,
            description = "the job type: ${COMPLETION-CANDIDATES}",
            completionCandidates = Types.class)
    String type;

    @Option(
            names = "--file",
            required = true,
            description = "a .csv (header row naming the fields), .jsonl or .json file")
    Path file;

    @Option(names = "--concurrency", description = "jobs submitted at once (default: ${DEFAULT-VALUE})")
    int concurrency = 4;

    @Option(names = "--wait", description = "wait until every job has ended, and report every failed row")
    boolean waitForJobs;

    @Option(names = "--resume", description = "go on with the import of this file that the journal records")
    boolean resume;

    @Option(names = "--journal", description = "the journal of this import (default: <file>.batchctl)")
    Path journalPath;

    @Option(names = "--failures", description = "where failed rows go (default: <file>.failures.csv or .jsonl)")
    Path failuresPath;

    @Option(names = "--chunk-size", hidden = true, description = "items per job, 1 to 1000")
    int chunkSize = 1000;

    /** The job types, for the help text. */
    static final class Types extends ArrayList<String> {
        Types() {
            super(TYPES);
        }
    }

    /** A failure the API reported for an item. */
    record Failure(int code, String message) {}

    private final Map<Long, Failure> failures = new ConcurrentHashMap<>();
    private final AtomicLong newJobs = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        check();
        long started = System.nanoTime();
        RowSource.Format format = RowSource.Format.of(file);
        String digest = digest();
        Counted counted = count();
        ApiClient api = connection.client(err);
        Path journalFile = journalPath != null ? journalPath : file.resolveSibling(file.getFileName() + ".batchctl");
        Map<Integer, Long> jobs;
        try (ImportJournal journal = ImportJournal.open(journalFile, digest, resume);
                Progress progress = new Progress(System.console() != null, err, counted.rows())) {
            long known = journal.jobs().size();
            if (known > 0) {
                err.printf("Going on with the import in %s: %,d job(s) already submitted%n", journal.path(), known);
            }
            submit(api, journal, digest);
            jobs = Map.copyOf(journal.jobs());
            follow(api, jobs, progress, counted);
        }
        long failed = counted.unmapped() + failures.size();
        Path written = writeFailures(format, failed);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(
                "%,d row(s) in %s: %,d job(s) (%,d new, %,d already submitted), %s%s in %.1f s%n",
                counted.rows(),
                file.getFileName(),
                jobs.size(),
                newJobs.get(),
                jobs.size() - newJobs.get(),
                waitForJobs
                        ? String.format("%,d succeeded, %,d failed", counted.rows() - failed, failed)
                        : String.format(
                                "%,d failed so far (without --wait, items still running are not counted)", failed),
                written == null ? "" : "; failed rows in " + written,
                seconds);
        out.flush();
        return failed > 0 ? Batchctl.ROWS_FAILED : 0;
    }

    private void check() {
        if (!TYPES.contains(type)) {
            throw new UsageError("--type must be one of " + String.join(", ", TYPES));
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new UsageError("--concurrency must be 1 to 64");
        }
        if (chunkSize < 1 || chunkSize > 1000) {
            throw new UsageError("--chunk-size must be 1 to 1000");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UsageError("no readable file " + file);
        }
    }

    /** What the file's content, the type and the chunk size make: the same import gets the same keys. */
    private String digest() throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            MessageDigest sha = ((DigestInputStream) in).getMessageDigest();
            sha.update(("\n" + type + "\n" + chunkSize).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's rows, and those that cannot be mapped; a broken file stops here, before anything is sent. */
    private record Counted(long rows, long unmapped) {}

    private Counted count() {
        long rows = 0;
        long unmapped = 0;
        try (RowSource source = RowSource.open(file)) {
            while (source.hasNext()) {
                Row row = source.next();
                rows++;
                if (!row.mapped()) {
                    unmapped++;
                }
            }
        }
        if (rows == 0) {
            throw new UsageError(file + ": no rows to import");
        }
        return new Counted(rows, unmapped);
    }

    /** Sends every chunk the journal does not name, {@code concurrency} at a time, in the file's order. */
    private void submit(ApiClient api, ImportJournal journal, String digest) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        String keyPrefix = "batchctl-" + digest.substring(0, 40) + "-";
        try (RowSource source = RowSource.open(file)) {
            List<ObjectNode> chunk = new ArrayList<>(chunkSize);
            int number = 0;
            while (fatal.get() == null && (source.hasNext() || !chunk.isEmpty())) {
                if (source.hasNext()) {
                    Row row = source.next();
                    if (row.mapped()) {
                        chunk.add(row.item());
                    }
                    if (chunk.size() < chunkSize && source.hasNext()) {
                        continue;
                    }
                }
                if (chunk.isEmpty()) {
                    continue;
                }
                int chunkNumber = number++;
                List<ObjectNode> items = chunk;
                chunk = new ArrayList<>(chunkSize);
                if (journal.job(chunkNumber) != null) {
                    continue;
                }
                // at most this many chunks are held: memory stays the same whatever the file's size
                inFlight.acquire();
                senders.execute(() -> {
                    try {
                        if (fatal.get() == null) {
                            send(api, journal, keyPrefix + chunkNumber, chunkNumber, items);
                        }
                    } catch (RuntimeException e) {
                        fatal.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } finally {
            senders.shutdown();
            senders.awaitTermination(1, TimeUnit.DAYS);
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
    }

    private void send(ApiClient api, ImportJournal journal, String key, int chunkNumber, List<ObjectNode> items) {
        byte[] body = JSON.writeValueAsBytes(Map.of("body", items));
        ApiClient.Answer answer = api.post(ApiClient.PREFIX + "/batch/" + type, body, Map.of("Idempotency-Key", key));
        long jobId = answer.json().get("jobId").asLong();
        journal.accepted(chunkNumber, jobId);
        // a replayed answer is a job made before (a chunk sent just before a crash): it counts as already submitted
        if (answer.header("Idempotent-Replayed").isEmpty()) {
            newJobs.incrementAndGet();
        }
    }

    /**
     * Reads the jobs' progress until each has ended (with {@code --wait}), or once; collects the failed items of
     * each job as it ends.
     */
    private void follow(ApiClient api, Map<Integer, Long> jobs, Progress progress, Counted counted) {
        // in file order: the workers take jobs up about in the order they were accepted
        java.util.NavigableMap<Integer, Long> open = new java.util.TreeMap<>(jobs);
        Map<Integer, Long> done = new java.util.HashMap<>();
        Map<Integer, Long> errors = new java.util.HashMap<>();
        while (true) {
            // the oldest open jobs only: a file of two million rows does not read two thousand statuses a round
            for (Map.Entry<Integer, Long> job :
                    open.entrySet().stream().limit(LOOKS_PER_ROUND).toList()) {
                JsonNode status =
                        api.get(ApiClient.PREFIX + "/batch/" + job.getValue()).json();
                done.put(
                        job.getKey(),
                        status.get("totalCount").asLong()
                                + status.get("cancelledCount").asLong());
                errors.put(job.getKey(), status.get("errorCount").asLong());
                boolean ended = List.of("completed", "failed", "stopped")
                        .contains(status.get("status").asString());
                if (ended || !waitForJobs) {
                    collectFailures(api, job.getKey(), job.getValue());
                    open.remove(job.getKey());
                }
            }
            long rowsDone = counted.unmapped()
                    + done.values().stream().mapToLong(Long::longValue).sum();
            long failed = counted.unmapped()
                    + errors.values().stream().mapToLong(Long::longValue).sum();
            progress.update(waitForJobs ? rowsDone : counted.rows(), failed);
            if (open.isEmpty()) {
                return;
            }
            if (waitForJobs) {
                ApiClient.sleep(POLL);
            }
        }
    }

    private void collectFailures(ApiClient api, int chunk, long jobId) {
        String lines = api.get(ApiClient.PREFIX + "/batch/" + jobId + "/results?outcome=failed&format=ndjson")
                .body();
        lines.lines().filter(line -> !line.isBlank()).forEach(line -> {
            JsonNode failed = JSON.readTree(line);
            failures.put(
                    (long) chunk * chunkSize + failed.get("index").asInt(),
                    new Failure(
                            failed.get("code").asInt(), failed.get("message").asString()));
        });
    }

    /** Reads the file again and writes each failed row with its line, code and message; null if none failed. */
    private Path writeFailures(RowSource.Format format, long failed) throws IOException {
        Path target = failuresPath != null
                ? failuresPath
                : file.resolveSibling(
                        baseName() + (format == RowSource.Format.CSV ? ".failures.csv" : ".failures.jsonl"));
        if (failed == 0) {
            Files.deleteIfExists(target);
            return null;
        }
        try (RowSource source = RowSource.open(file);
                FailuresFile out = FailuresFile.create(target, source)) {
            long submitted = 0;
            while (source.hasNext()) {
                Row row = source.next();
                if (!row.mapped()) {
                    out.write(row, row.code(), row.error());
                    continue;
                }
                Failure failure = failures.get(submitted++);
                if (failure != null) {
                    out.write(row, failure.code(), failure.message());
                }
            }
        }
        return target;
    }

    private String baseName() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
