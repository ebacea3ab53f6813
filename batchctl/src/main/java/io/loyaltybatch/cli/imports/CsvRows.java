package io.loyaltybatch.cli.imports;

import io.loyaltybatch.cli.UsageError;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A CSV file (RFC 4180, UTF-8, a header row naming the fields: {@link ItemMapping}), read record by record. */
final class CsvRows implements RowSource {

    private final Path file;
    private final Reader reader;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final ItemMapping mapping;
    private final List<String> header;
    private long number;
    private long nextLine;

    CsvRows(Path file) {
        this.file = file;
        try {
            this.reader = new java.io.InputStreamReader(
                    Files.newInputStream(file),
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            this.parser = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true)
                    .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.DISALLOW)
                    .get()
                    .parse(reader);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw broken(1, e);
        }
        this.header = parser.getHeaderNames();
        if (header.isEmpty()) {
            throw new UsageError(file + ": the first line must name the columns");
        }
        try {
            this.mapping = new ItemMapping(header);
        } catch (IllegalArgumentException e) {
            throw new UsageError(file + ":1: " + e.getMessage());
        }
        this.records = parser.iterator();
        this.nextLine = parser.getCurrentLineNumber() + 1;
    }

    /** The names of the columns, as the header gives them. */
    List<String> header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw broken(nextLine, e);
        }
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = records.next();
        long line = nextLine;
        nextLine = parser.getCurrentLineNumber() + 1;
        number++;
        List<String> values = record.toList();
        try {
            return Row.mapped(number, line, values, mapping.item(values));
        } catch (IllegalArgumentException e) {
            return Row.unmapped(number, line, values, 3003, e.getMessage());
        }
    }

    private UsageError broken(long line, Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CharacterCodingException) {
            return new UsageError(file + ":" + line + ": not UTF-8 text");
        }
        // the parser's own words, without the names of its exceptions
        String why = String.valueOf(cause.getMessage()).replaceAll("([a-z]+\\.)+[A-Za-z]*Exception: ", "");
        return new UsageError(file + ":" + line + ": not valid CSV (" + why + ")");
    }

    @Override
    public void close() {
        try {
            parser.close();
            reader.close();
        } catch (IOException e) {
            // a file only read
        }
    }
}
