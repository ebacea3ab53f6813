package io.loyaltybatch.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.WireCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The README's examples as a new user runs them: every {@code console} block's commands, as written, in one bash
 * session in a copy of the checkout's examples, against {@code ./run.sh --workers 0} with a worker added by
 * {@code ./run.sh --add-worker}. The examples run in the README's order, except the block the README says to run with
 * no worker: it runs last, once that worker is stopped (Ctrl-C). Each command's output must have the shape the README shows: the same lines and
 * JSON documents, field by field, with only ids, times, request ids, cursors and durations free to differ.
 */
class ReadmeExamplesIT {

    /** Written before a console block that runs while no worker is started. */
    static final String NO_WORKER = "<!-- example: no worker -->";

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final String END = "__readme_example_end__";

    @TempDir
    Path data;

    private LocalStackLauncher stack;
    private Process bash;
    private Writer input;
    /** The session's lines, stdout and stderr, as bash prints them. */
    private BlockingQueue<String> printed;

    /** A command of the README, what the README shows it prints, and whether it runs before a worker exists. */
    record Example(String command, List<String> shown, boolean noWorker, int line) {}

    @AfterEach
    void stop() throws InterruptedException {
        if (bash != null) {
            bash.destroyForcibly();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyConsoleExampleOfTheReadmePrintsWhatTheReadmeShows() throws Exception {
        Path checkout = Path.of(System.getProperty("checkout.dir"));
        List<String> readme = Files.readAllLines(checkout.resolve("README.md"));
        List<Example> examples = examples(readme);
        assertThat(examples).as("every command of a console block").hasSize(commandLines(readme));
        assertThat(examples).as("examples run with no worker").anyMatch(Example::noWorker);

        stack = new LocalStackLauncher(data);
        stack.start("stack.out", LocalStackLauncher.READY, Duration.ofMinutes(5), "--workers", "0");
        startSession(checkout);
        // every example is run and checked, and every difference reported at once; what each printed is kept in
        // target/readme-session.txt
        SoftAssertions softly = new SoftAssertions();
        StringBuilder session = new StringBuilder();
        // the examples that need a worker, in the README's order, then (the worker stopped) those that need none
        List<Example> ordered = new ArrayList<>(
                examples.stream().filter(example -> !example.noWorker()).toList());
        ordered.addAll(examples.stream().filter(Example::noWorker).toList());
        Process worker =
                stack.start("worker.out", LocalStackLauncher.ADDED_PORT, Duration.ofMinutes(3), "--add-worker");
        try {
            for (Example example : ordered) {
                if (example.noWorker() && worker != null) {
                    stack.stop(worker);
                    worker = null;
                }
                List<String> printed = run(example);
                session.append("$ ").append(example.command()).append('\n');
                printed.forEach(line -> session.append(line).append('\n'));
                check(softly, example, printed);
            }
        } finally {
            Files.writeString(Path.of("target", "readme-session.txt"), session);
        }
        softly.assertAll();
    }

    /** The console blocks' commands (a line starting with "$ ", continued by a trailing backslash) and outputs. */
    static List<Example> examples(List<String> readme) {
        List<Example> examples = new ArrayList<>();
        boolean inBlock = false;
        boolean noWorker = false;
        boolean markerSeen = false;
        StringBuilder command = null;
        List<String> shown = new ArrayList<>();
        int commandLine = 0;
        String indent = "";
        for (int i = 0; i < readme.size(); i++) {
            String raw = readme.get(i);
            if (!inBlock) {
                // a block may be indented (in a list item): its lines are read without that indent
                indent = raw.substring(0, raw.length() - raw.stripLeading().length());
            }
            String line = raw.startsWith(indent) ? raw.substring(indent.length()) : raw.strip();
            if (!inBlock) {
                if (line.strip().equals(NO_WORKER)) {
                    markerSeen = true;
                } else if (line.startsWith("```console")) {
                    inBlock = true;
                    noWorker = markerSeen;
                    markerSeen = false;
                } else if (!line.isBlank()) {
                    markerSeen = false;
                }
                continue;
            }
            boolean ends = line.startsWith("```");
            if (command != null && (ends || line.startsWith("$ "))) {
                examples.add(new Example(command.toString(), List.copyOf(shown), noWorker, commandLine));
                command = null;
                shown.clear();
            }
            if (ends) {
                inBlock = false;
            } else if (line.startsWith("$ ")) {
                commandLine = i + 1;
                command = new StringBuilder(line.substring(2));
                while (command.toString().endsWith("\\") && i + 1 < readme.size()) {
                    command.append('\n').append(readme.get(++i).strip());
                }
            } else if (command != null && !line.isBlank()) {
                shown.add(line);
            }
        }
        return examples;
    }

    /** The README's lines that start a command in a console block, however indented. */
    static int commandLines(List<String> readme) {
        int commands = 0;
        boolean inBlock = false;
        for (String line : readme) {
            String text = line.strip();
            if (text.startsWith("```")) {
                inBlock = !inBlock && text.startsWith("```console");
            } else if (inBlock && text.startsWith("$ ")) {
                commands++;
            }
        }
        return commands;
    }

    /**
     * One bash for all examples, so variables carry from one to the next, in a folder like the checkout: its
     * {@code bin} and {@code batchctl} (for the jar) linked, its {@code examples} copied (an import writes beside
     * its file). The README's port is the stack's; batchctl finds it in {@code LOYALTY_URL}, and no config file.
     */
    private void startSession(Path checkout) throws IOException {
        Path work = Files.createDirectories(data.resolve("work"));
        Files.createSymbolicLink(work.resolve("bin"), checkout.resolve("bin"));
        Files.createSymbolicLink(work.resolve("batchctl"), checkout.resolve("batchctl"));
        Files.createDirectories(work.resolve("examples"));
        try (Stream<Path> files = Files.list(checkout.resolve("examples"))) {
            // not what an import left beside its file (its journal and failures), as in a fresh clone
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> !file.toString().endsWith(".batchctl")
                            && !file.getFileName().toString().contains(".failures."))
                    .toList()) {
                Files.copy(file, work.resolve("examples").resolve(file.getFileName()));
            }
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc")
                .directory(work.toFile())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("LOYALTY_"));
        environment.put("HOME", Files.createDirectories(data.resolve("home")).toString());
        environment.put("LOYALTY_URL", "http://localhost:" + stack.gatewayPort());
        bash = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8));
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    queue.add(line);
                }
            } catch (IOException e) {
                // the session ended
            }
            queue.add(END + " eof");
        });
        reader.setDaemon(true);
        reader.start();
        printed = queue;
        input = new OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Runs one command in the session; what it printed, stdout and stderr, line by line. */
    private List<String> run(Example example) throws IOException, InterruptedException {
        String command = example.command().replace("localhost:8080", "localhost:" + stack.gatewayPort());
        // the end marker, then the command's exit status back in $? for an example that prints it
        input.write("{\n" + command + "\n} < /dev/null 2>&1; readme_status=$?; echo; echo " + END
                + "; (exit $readme_status)\n");
        input.flush();
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (true) {
            String line = printed.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(line)
                    .as("README line %d ran over %s: %s; printed %s", example.line(), COMMAND_TIMEOUT, command, lines)
                    .isNotNull();
            if (line.startsWith(END)) {
                break;
            }
            lines.add(line);
        }
        return lines.stream().filter(line -> !line.isBlank()).toList();
    }

    /** The printed lines against the shown ones; lines of progress, whose count depends on timing, are left out. */
    static void check(SoftAssertions softly, Example example, List<String> printed) {
        List<String> shown = shapes(example.shown());
        List<String> actual = shapes(printed);
        softly.assertThat(actual)
                .as("README line %d: %s%nprinted:%n%s", example.line(), example.command(), String.join("\n", printed))
                .isEqualTo(shown);
    }

    /**
     * Each line's shape; a run of lines that together hold JSON documents (a pretty-printed one, or one per line)
     * gives each document's shape.
     */
    static List<String> shapes(List<String> lines) {
        List<String> shapes = new ArrayList<>();
        List<String> kept =
                lines.stream().filter(line -> !PROGRESS.matcher(line).find()).toList();
        if (!kept.isEmpty() && kept.get(0).strip().startsWith("{") && kept.size() > 1) {
            List<JsonNode> documents = documents(String.join("\n", kept));
            if (documents != null) {
                documents.forEach(document -> shapes.add(shape(document).toString()));
                return shapes;
            }
        }
        for (String line : kept) {
            String text = line.strip();
            List<JsonNode> documents = text.startsWith("{") || text.startsWith("[") ? documents(text) : null;
            shapes.add(
                    documents != null && documents.size() == 1
                            ? shape(documents.get(0)).toString()
                            : free(text));
        }
        return shapes;
    }

    /** A line of live progress ("2/5 rows done, 2 failed, 1 rows/s, ETA 2 s"): how many appear depends on timing. */
    private static final Pattern PROGRESS = Pattern.compile("^\\d+/\\d+ rows done");

    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern LONG_ID = Pattern.compile("\\d{13,}");
    private static final Pattern SECONDS = Pattern.compile("\\b\\d+(\\.\\d+)? s\\b");

    /** Free parts of a text: times, request ids, job ids (13 digits and more) and durations. */
    static String free(String text) {
        String freed = TIME.matcher(text).replaceAll("<time>");
        freed = UUID.matcher(freed).replaceAll("<uuid>");
        freed = LONG_ID.matcher(freed).replaceAll("<id>");
        return SECONDS.matcher(freed).replaceAll("<n> s");
    }

    private static List<JsonNode> documents(String text) {
        try (var values = WireCodec.mapper().readerFor(JsonNode.class).readValues(text)) {
            List<JsonNode> documents = new ArrayList<>();
            while (values.hasNextValue()) {
                documents.add((JsonNode) values.nextValue());
            }
            return documents;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The document with its free values replaced: ids, times, request ids and cursors. */
    static JsonNode shape(JsonNode node) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isObject()) {
            ObjectNode shaped = nodes.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                shaped.set(
                        field.getKey(),
                        switch (field.getKey()) {
                            case "requestId", "nextCursor" ->
                                field.getValue().isNull() ? field.getValue() : nodes.stringNode("<free>");
                            default -> shape(field.getValue());
                        });
            }
            return shaped;
        }
        if (node.isArray()) {
            ArrayNode shaped = nodes.arrayNode();
            node.forEach(element -> shaped.add(shape(element)));
            return shaped;
        }
        if (node.isString()) {
            return nodes.stringNode(free(node.asString()));
        }
        if (node.isIntegralNumber() && Long.toString(node.asLong()).length() >= 13) {
            return nodes.stringNode("<id>");
        }
        return node;
    }
}
