package io.loyaltybatch.cli.imports;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a CSV row becomes an item. A column names a field; dots nest it ({@code customerAttributes.email},
 * {@code custom.tier}). An empty cell leaves the field out. Values are typed: {@code true}/{@code false} are
 * booleans, numbers are numbers, everything else (dates included, which the API reads in ISO-8601) is text; a field
 * that is an id ({@code id}, {@code customerId}, {@code order_id}: an id of digits is still an id), a mobile, phone,
 * email or name stays text. A suffix forces the type: {@code points:number}, {@code vip:boolean}, {@code code:string}. Columns starting with
 * {@code _} are notes (the failures file's {@code _line}, {@code _code}, {@code _message}) and are not sent.
 */
final class ItemMapping {

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    /** {@code id}, {@code customerId}, {@code order_id}, and contacts and names: text whatever they hold. */
    private static final Pattern TEXT_FIELD =
            Pattern.compile("id|ID|.*[a-z0-9]Id|.*ID|(?i).*_id|(?i).*(mobile|phone|email|name)");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A column: where its value goes and how it is typed. */
    private record Column(String header, List<String> path, String type) {}

    private final List<Column> columns;

    ItemMapping(List<String> header) {
        this.columns = header.stream().map(ItemMapping::column).toList();
        for (int i = 0; i < columns.size(); i++) {
            for (int j = 0; j < columns.size(); j++) {
                Column a = columns.get(i);
                Column b = columns.get(j);
                if (i != j && a.path() != null && b.path() != null && prefixOf(a.path(), b.path())) {
                    throw new IllegalArgumentException(
                            "column " + b.header() + " and column " + a.header() + " name the same field");
                }
            }
        }
    }

    private static boolean prefixOf(List<String> a, List<String> b) {
        return a.size() <= b.size() && b.subList(0, a.size()).equals(a);
    }

    private static Column column(String header) {
        String name = header.strip();
        if (name.isEmpty() || name.startsWith("_")) {
            return new Column(header, null, null);
        }
        String type = null;
        int colon = name.lastIndexOf(':');
        if (colon > 0) {
            type = name.substring(colon + 1).toLowerCase(Locale.ROOT);
            if (!List.of("string", "number", "boolean").contains(type)) {
                throw new IllegalArgumentException(
                        "column " + header + ": the type after ':' must be string, number or boolean");
            }
            name = name.substring(0, colon);
        }
        List<String> path = List.of(name.split("\\.", -1));
        if (path.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("column " + header + " has an empty name between dots");
        }
        return new Column(header, path, type);
    }

    /** The item of a row of fields, one per column; an {@link IllegalArgumentException} says why there is none. */
    ObjectNode item(List<String> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "the row has " + values.size() + " fields where the header has " + columns.size());
        }
        ObjectNode item = NODES.objectNode();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String value = values.get(i);
            if (column.path() == null || value.isEmpty()) {
                continue;
            }
            ObjectNode parent = item;
            for (String step : column.path().subList(0, column.path().size() - 1)) {
                JsonNode next = parent.get(step);
                parent = next instanceof ObjectNode object ? object : parent.putObject(step);
            }
            String field = column.path().get(column.path().size() - 1);
            parent.set(field, typed(column, field, value));
        }
        return item;
    }

    private static JsonNode typed(Column column, String field, String value) {
        String type = column.type();
        if (type == null) {
            if (TEXT_FIELD.matcher(field).matches()) {
                type = "string";
            } else if (value.equals("true") || value.equals("false")) {
                type = "boolean";
            } else if (NUMBER.matcher(value).matches() && value.length() <= 40) {
                type = "number";
            } else {
                type = "string";
            }
        }
        return switch (type) {
            case "number" -> {
                if (!NUMBER.matcher(value).matches() || value.length() > 40) {
                    throw new IllegalArgumentException(
                            "column " + column.header() + ": " + quoted(value) + " is not a number");
                }
                yield NODES.numberNode(new BigDecimal(value));
            }
            case "boolean" -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException(
                            "column " + column.header() + ": " + quoted(value) + " is not true or false");
                }
                yield NODES.booleanNode(Boolean.parseBoolean(value));
            }
            default -> NODES.stringNode(value);
        };
    }

    /** A value as an error message may show it: short. */
    private static String quoted(String value) {
        return '"' + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + '"';
    }
}
