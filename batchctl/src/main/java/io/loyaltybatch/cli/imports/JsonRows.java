package io.loyaltybatch.cli.imports;

import io.loyaltybatch.cli.UsageError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON files: an object per line (JSONL), or one array of objects, bare or as {@code {"body": [...]}}. */
final class JsonRows {

    /** A line holds one value and nothing after it. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Reads one element at a time from a parser that holds more after it. */
    private static final JsonMapper ELEMENTS = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonRows() {}

    /** The item of an object: the object without its note fields (those starting with {@code _}). */
    static ObjectNode item(ObjectNode object) {
        ObjectNode item = object.deepCopy();
        object.propertyNames().stream().filter(name -> name.startsWith("_")).forEach(item::remove);
        return item;
    }

    /** One JSON object per line; a line that is not one is a row that cannot be mapped, and reading goes on. */
    static final class Lines implements RowSource {
        private final Path file;
        private final BufferedReader reader;
        private long line;
        private long number;
        private String pending;

        Lines(Path file) {
            this.file = file;
            try {
                this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageError(file + ": " + e.getMessage());
            }
        }

        @Override
        public boolean hasNext() {
            try {
                while (pending == null) {
                    String text = reader.readLine();
                    if (text == null) {
                        return false;
                    }
                    line++;
                    if (!text.isBlank()) {
                        pending = text;
                    }
                }
                return true;
            } catch (IOException | UncheckedIOException e) {
                throw new UsageError(file + ":" + (line + 1) + ": not UTF-8 text");
            }
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String text = pending;
            pending = null;
            number++;
            try {
                JsonNode node = JSON.readTree(text);
                if (node instanceof ObjectNode object) {
                    return Row.mapped(number, line, object, item(object));
                }
                return Row.unmapped(number, line, text, 3003, "the line is not a JSON object");
            } catch (JacksonException e) {
                TokenStreamLocation at = e.getLocation();
                return Row.unmapped(
                        number,
                        line,
                        text,
                        3016,
                        "not JSON at column " + (at == null ? 1 : at.getColumnNr()) + ": " + e.getOriginalMessage());
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                // a file only read
            }
        }
    }

    /** A JSON array of objects, or an object whose {@code body} is one; read element by element. */
    static final class Array implements RowSource {
        private final Path file;
        private final InputStream in;
        private final JsonParser parser;
        private long number;
        private Boolean more;

        Array(Path file) {
            this.file = file;
            try {
                this.in = Files.newInputStream(file);
                this.parser = ELEMENTS.createParser(in);
                JsonToken first = parser.nextToken();
                if (first == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (name.equals("body") && value == JsonToken.START_ARRAY) {
                            return;
                        }
                        parser.skipChildren();
                    }
                    throw broken("an object without a \"body\" array");
                }
                if (first != JsonToken.START_ARRAY) {
                    throw broken("a JSON array of objects, or {\"body\": [...]}, was expected");
                }
            } catch (IOException e) {
                throw new UsageError(file + ": " + e.getMessage());
            } catch (JacksonException e) {
                throw broken(e);
            }
        }

        @Override
        public boolean hasNext() {
            if (more == null) {
                try {
                    JsonToken token = parser.nextToken();
                    if (token == JsonToken.END_ARRAY || token == null) {
                        more = false;
                    } else if (token != JsonToken.START_OBJECT) {
                        throw broken("each element of the array must be an object");
                    } else {
                        more = true;
                    }
                } catch (JacksonException e) {
                    throw broken(e);
                }
            }
            return more;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            more = null;
            long line = parser.currentTokenLocation().getLineNr();
            try {
                ObjectNode object = (ObjectNode) ELEMENTS.readTree(parser);
                number++;
                return Row.mapped(number, line, object, item(object));
            } catch (JacksonException e) {
                throw broken(e);
            }
        }

        private UsageError broken(String what) {
            TokenStreamLocation at = parser.currentTokenLocation();
            return new UsageError(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + what);
        }

        private UsageError broken(JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            return new UsageError(file + ":" + (at == null ? "?" : at.getLineNr() + ":" + at.getColumnNr())
                    + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }

        @Override
        public void close() {
            try {
                parser.close();
                in.close();
            } catch (IOException | JacksonException e) {
                // a file only read
            }
        }
    }
}
