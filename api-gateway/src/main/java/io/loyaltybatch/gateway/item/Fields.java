package io.loyaltybatch.gateway.item;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed reads of item fields with the contract's error codes: a missing required field is 3000, a value of the wrong
 * type, format or range is 3003. Absent and JSON null are the same.
 */
public final class Fields {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Fields() {}

    public static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A required string, trimmed, 1 to {@code maxLength} characters. */
    public static String requiredString(JsonNode node, String field, int maxLength) {
        String value = optionalString(node, field, maxLength);
        if (value == null || value.isEmpty()) {
            throw ItemRejectedException.missing(field);
        }
        return value;
    }

    /** An optional string, trimmed; null when absent. */
    public static String optionalString(JsonNode node, String field, int maxLength) {
        if (!present(node, field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isString()) {
            throw ItemRejectedException.invalid(field + " must be a string");
        }
        String text = value.asString().trim();
        if (text.length() > maxLength) {
            throw ItemRejectedException.invalid(field + " must be at most " + maxLength + " characters");
        }
        return text;
    }

    public static Boolean optionalBoolean(JsonNode node, String field) {
        if (!present(node, field)) {
            return null;
        }
        if (!node.get(field).isBoolean()) {
            throw ItemRejectedException.invalid(field + " must be true or false");
        }
        return node.get(field).asBoolean();
    }

    /** An optional date, {@code YYYY-MM-DD} or a date-time (its date part is kept). */
    public static String optionalDate(JsonNode node, String field) {
        String text = optionalString(node, field, 40);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeParseException notDate) {
            try {
                return OffsetDateTime.parse(text).toLocalDate().toString();
            } catch (DateTimeParseException notDateTime) {
                throw ItemRejectedException.invalid(field + " is not a valid date");
            }
        }
    }

    public static JsonNode optionalObject(JsonNode node, String field) {
        if (!present(node, field)) {
            return null;
        }
        if (!node.get(field).isObject()) {
            throw ItemRejectedException.invalid(field + " must be an object");
        }
        return node.get(field);
    }

    public static Map<String, Object> optionalMap(JsonNode node, String field) {
        JsonNode object = optionalObject(node, field);
        if (object == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = MAPPER.treeToValue(object, Map.class);
        return map;
    }

    public static List<String> optionalStringList(JsonNode node, String field, int maxItemLength) {
        if (!present(node, field)) {
            return null;
        }
        JsonNode array = node.get(field);
        if (!array.isArray()) {
            throw ItemRejectedException.invalid(field + " must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isString() || element.asString().length() > maxItemLength) {
                throw ItemRejectedException.invalid(field + " must be an array of strings");
            }
            values.add(element.asString());
        }
        return values;
    }
}
