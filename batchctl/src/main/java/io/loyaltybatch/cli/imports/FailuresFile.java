package io.loyaltybatch.cli.imports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rows that failed, in their file's format with three note columns added: {@code _line}, {@code _code},
 * {@code _message}. The importer leaves note columns out, so the file can be mended and imported as it is.
 */
abstract class FailuresFile implements AutoCloseable {

    static final List<String> NOTES = List.of("_line", "_code", "_message");

    static FailuresFile create(Path target, RowSource source) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
        return source instanceof CsvRows csv ? new Csv(writer, csv.header()) : new JsonLines(writer);
    }

    abstract void write(Row row, int code, String message) throws IOException;

    @Override
    public abstract void close() throws IOException;

    /** CSV: the original columns (less earlier notes), then the notes. */
    private static final class Csv extends FailuresFile {
        private final CSVPrinter printer;
        private final List<Integer> kept = new ArrayList<>();

        Csv(BufferedWriter writer, List<String> header) throws IOException {
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (!NOTES.contains(header.get(i))) {
                    kept.add(i);
                    columns.add(header.get(i));
                }
            }
            columns.addAll(NOTES);
            this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
            printer.printRecord(columns);
        }

        @Override
        void write(Row row, int code, String message) throws IOException {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) row.original();
            List<String> out = new ArrayList<>();
            for (int i : kept) {
                out.add(i < values.size() ? values.get(i) : "");
            }
            out.add(Long.toString(row.line()));
            out.add(Integer.toString(code));
            out.add(message);
            printer.printRecord(out);
        }

        @Override
        public void close() throws IOException {
            printer.close(true);
        }
    }

    /** JSONL: the original object (or text, as {@code _text}) with the notes. */
    private static final class JsonLines extends FailuresFile {
        private static final JsonMapper JSON = JsonMapper.builder().build();
        private final BufferedWriter writer;

        JsonLines(BufferedWriter writer) {
            this.writer = writer;
        }

        @Override
        void write(Row row, int code, String message) throws IOException {
            ObjectNode line = row.original() instanceof ObjectNode object
                    ? JsonRows.item(object)
                    : JSON.createObjectNode().put("_text", String.valueOf(row.original()));
            line.put("_line", row.line()).put("_code", code).put("_message", message);
            writer.write(JSON.writeValueAsString(line));
            writer.write('\n');
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
