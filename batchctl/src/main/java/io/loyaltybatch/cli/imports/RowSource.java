package io.loyaltybatch.cli.imports;

import io.loyaltybatch.cli.UsageError;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/** The data rows of a file, read one at a time (constant memory whatever its size); a broken file is a {@link UsageError}. */
interface RowSource extends Iterator<Row>, Closeable {

    /** The file's formats, by extension. */
    enum Format {
        CSV,
        JSONL,
        JSON;

        static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return JSONL;
            }
            if (name.endsWith(".json")) {
                return JSON;
            }
            throw new UsageError(file + ": not a .csv, .jsonl, .ndjson or .json file");
        }
    }

    static RowSource open(Path file) {
        return switch (Format.of(file)) {
            case CSV -> new CsvRows(file);
            case JSONL -> new JsonRows.Lines(file);
            case JSON -> new JsonRows.Array(file);
        };
    }

    @Override
    void close();
}
