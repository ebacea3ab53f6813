package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.WireCodec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of item fields with the contract's error codes: a missing required field is 3000, a value of the wrong
 * type, format or range is 3003. Absent and JSON null are the same.
 */
public final class Fields {

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

    /** A required money amount: a decimal >= 0 with at most two fraction digits. */
    public static BigDecimal requiredMoney(JsonNode node, String field) {
        BigDecimal value = optionalMoney(node, field);
        if (value == null) {
            throw ItemRejectedException.missing(field);
        }
        return value;
    }

    public static BigDecimal optionalMoney(JsonNode node, String field) {
        if (!present(node, field)) {
            return null;
        }
        BigDecimal value = decimal(node.get(field));
        if (value == null || value.signum() < 0) {
            throw ItemRejectedException.invalid(field + " must be a number >= 0");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw ItemRejectedException.invalid(field + " may have at most 2 decimal places");
        }
        return value;
    }

    /** A required whole number. */
    public static long requiredWholeNumber(JsonNode node, String field) {
        if (!present(node, field)) {
            throw ItemRejectedException.missing(field);
        }
        BigDecimal value = decimal(node.get(field));
        try {
            if (value == null) {
                throw new ArithmeticException();
            }
            return value.longValueExact();
        } catch (ArithmeticException e) {
            throw ItemRejectedException.invalid(field + " must be a whole number");
        }
    }

    /** A required ISO-8601 date-time (a date means its start, UTC), normalised to an instant. */
    public static String requiredDateTime(JsonNode node, String field) {
        String text = optionalString(node, field, 64);
        if (text == null || text.isEmpty()) {
            throw ItemRejectedException.missing(field);
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toString();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toString();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text)
                            .atStartOfDay()
                            .toInstant(ZoneOffset.UTC)
                            .toString();
                } catch (DateTimeParseException notDate) {
                    throw ItemRejectedException.invalid(field + " is not a valid date-time");
                }
            }
        }
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isString()) {
            try {
                return new BigDecimal(value.asString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
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
        Map<String, Object> map = WireCodec.mapper().treeToValue(object, Map.class);
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
