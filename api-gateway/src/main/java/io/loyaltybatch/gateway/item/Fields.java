package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.WireCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Typed reads of item fields with the contract's error codes: a missing required field is 3000, a value of the wrong
 * type, format or range is 3003. Absent and JSON null are the same.
 */
public final class Fields {

    private static final Pattern NUMERIC = Pattern.compile("[-+]?[0-9.]+([eE][-+]?[0-9]+)?");

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

    /**
     * A required money amount: a decimal >= 0 with at most {@value ItemBounds#MONEY_INTEGER_DIGITS} digits before and
     * {@value ItemBounds#MONEY_FRACTION_DIGITS} after the decimal point.
     */
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
        BigDecimal value = decimal(node.get(field), field);
        if (value == null || value.signum() < 0) {
            throw ItemRejectedException.invalid(field + " must be a number >= 0");
        }
        if (value.stripTrailingZeros().scale() > ItemBounds.MONEY_FRACTION_DIGITS) {
            throw ItemRejectedException.invalid(
                    field + " may have at most " + ItemBounds.MONEY_FRACTION_DIGITS + " decimal places");
        }
        if (value.precision() - value.scale() > ItemBounds.MONEY_INTEGER_DIGITS) {
            throw ItemRejectedException.invalid(field + " may have at most " + ItemBounds.MONEY_INTEGER_DIGITS
                    + " digits before the decimal point");
        }
        return value;
    }

    /** A required whole number of points, at most {@link ItemBounds#MAX_POINTS} either side of 0. */
    public static long requiredPoints(JsonNode node, String field) {
        if (!present(node, field)) {
            throw ItemRejectedException.missing(field);
        }
        BigDecimal value = decimal(node.get(field), field);
        long points;
        try {
            if (value == null) {
                throw new ArithmeticException();
            }
            points = value.longValueExact();
        } catch (ArithmeticException e) {
            throw ItemRejectedException.invalid(field + " must be a whole number");
        }
        if (points < -ItemBounds.MAX_POINTS || points > ItemBounds.MAX_POINTS) {
            throw ItemRejectedException.invalid(
                    field + " must be between -" + ItemBounds.MAX_POINTS + " and " + ItemBounds.MAX_POINTS);
        }
        return points;
    }

    /**
     * A required ISO-8601 date-time (a date means its start, UTC), normalised to an instant between
     * {@link ItemBounds#EARLIEST_TIME} and {@link ItemBounds#LATEST_TIME}.
     */
    public static String requiredDateTime(JsonNode node, String field) {
        String text = optionalString(node, field, 64);
        if (text == null || text.isEmpty()) {
            throw ItemRejectedException.missing(field);
        }
        Instant instant = parseInstant(text);
        if (instant == null) {
            throw ItemRejectedException.invalid(field + " is not a valid date-time");
        }
        if (instant.isBefore(ItemBounds.EARLIEST_TIME) || instant.isAfter(ItemBounds.LATEST_TIME)) {
            throw ItemRejectedException.invalid(
                    field + " must be between " + ItemBounds.EARLIEST_TIME + " and " + ItemBounds.LATEST_TIME);
        }
        return instant.toString();
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
    }

    /**
     * A number, or a string holding one; null if it is neither.
     *
     * @throws ItemRejectedException for a numeric string out of the range any number may have
     */
    private static BigDecimal decimal(JsonNode value, String field) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (!value.isString()) {
            return null;
        }
        String text = value.asString().trim();
        if (!NUMERIC.matcher(text).matches()) {
            return null;
        }
        BigDecimal parsed = null;
        if (text.length() <= ItemBounds.MAX_NUMBER_CHARS) {
            try {
                parsed = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (parsed == null || !ItemBounds.numberInRange(parsed)) {
            throw ItemRejectedException.invalid(field + " is a number out of range");
        }
        return parsed;
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

    /**
     * An optional date, {@code YYYY-MM-DD} or a date-time (its date part is kept), between
     * {@link ItemBounds#EARLIEST_DATE} and {@link ItemBounds#LATEST_DATE}.
     */
    public static String optionalDate(JsonNode node, String field) {
        String text = optionalString(node, field, 40);
        if (text == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException notDate) {
            try {
                date = OffsetDateTime.parse(text).toLocalDate();
            } catch (DateTimeParseException notDateTime) {
                throw ItemRejectedException.invalid(field + " is not a valid date");
            }
        }
        if (date.isBefore(ItemBounds.EARLIEST_DATE) || date.isAfter(ItemBounds.LATEST_DATE)) {
            throw ItemRejectedException.invalid(field + " must be between 0001-01-01 and 9999-12-31");
        }
        return date.toString();
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

    /** An optional object of any content, as a map, whose JSON is at most {@code maxBytes} long. */
    public static Map<String, Object> optionalMap(JsonNode node, String field, int maxBytes) {
        JsonNode object = optionalObject(node, field);
        if (object == null) {
            return null;
        }
        requireAtMostBytes(object, field, maxBytes);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = WireCodec.mapper().treeToValue(object, Map.class);
        return map;
    }

    /** Rejects {@code value} if its JSON is longer than {@code maxBytes}. */
    public static void requireAtMostBytes(JsonNode value, String field, int maxBytes) {
        if (WireCodec.mapper().writeValueAsBytes(value).length > maxBytes) {
            throw ItemRejectedException.invalid(field + " may be at most " + maxBytes + " bytes of JSON");
        }
    }

    /** An optional array of at most {@code maxItems} strings of at most {@code maxItemLength} characters each. */
    public static List<String> optionalStringList(JsonNode node, String field, int maxItems, int maxItemLength) {
        if (!present(node, field)) {
            return null;
        }
        JsonNode array = node.get(field);
        if (!array.isArray()) {
            throw ItemRejectedException.invalid(field + " must be an array of strings");
        }
        if (array.size() > maxItems) {
            throw ItemRejectedException.invalid(field + " may hold at most " + maxItems + " strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : array) {
            if (!element.isString() || element.asString().length() > maxItemLength) {
                throw ItemRejectedException.invalid(
                        field + " must be an array of strings of at most " + maxItemLength + " characters");
            }
            values.add(element.asString());
        }
        return values;
    }
}
