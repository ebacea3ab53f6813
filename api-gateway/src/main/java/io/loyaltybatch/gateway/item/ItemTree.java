package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.SafeText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one submitted item from the request's token stream into a tree, trusting none of its values. A number is
 * taken as text and converted only when it is short and in range (so {@code 1e999999999} or a megabyte of digits
 * costs nothing), text no store can hold is refused, nesting is bounded and a key given twice is an error. Refused
 * values are left out of the tree and the first refusal becomes the item's {@link SubmittedItem#defect()}, so one
 * bad item fails alone instead of failing the request or, later, a worker.
 */
public final class ItemTree {

    private static final int MAX_NAME_IN_MESSAGE = 40;

    private final JsonParser parser;
    private final JsonNodeFactory nodes;
    private final List<String> path = new ArrayList<>();
    private String defect;

    private ItemTree(JsonParser parser, JsonNodeFactory nodes) {
        this.parser = parser;
        this.nodes = nodes;
    }

    /** Reads the value at the parser's current token, leaving the parser on the value's last token. */
    public static SubmittedItem read(JsonParser parser, JsonNodeFactory nodes) {
        long start = parser.currentTokenLocation().getByteOffset();
        ItemTree tree = new ItemTree(parser, nodes);
        JsonNode node = tree.value(1);
        long end = parser.currentLocation().getByteOffset();
        return new SubmittedItem(node, end - start, tree.defect);
    }

    private JsonNode value(int depth) {
        JsonToken token = parser.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth > ItemBounds.MAX_ITEM_DEPTH) {
            refuse("is nested deeper than " + ItemBounds.MAX_ITEM_DEPTH + " levels");
            parser.skipChildren();
            return null;
        }
        return switch (token) {
            case START_OBJECT -> object(depth);
            case START_ARRAY -> array(depth);
            case VALUE_STRING -> text(parser.getString());
            case VALUE_NUMBER_INT -> number(parser.getString(), true);
            case VALUE_NUMBER_FLOAT -> number(parser.getString(), false);
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    private ObjectNode object(int depth) {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            String nameProblem = SafeText.problem(name);
            path.add(nameProblem == null ? name : "?");
            if (nameProblem != null) {
                refuse("has a field name that " + nameProblem);
            }
            parser.nextToken();
            JsonNode child = value(depth + 1);
            if (nameProblem == null && object.has(name)) {
                refuse("is given more than once");
            } else if (nameProblem == null && child != null) {
                object.set(name, child);
            }
            path.remove(path.size() - 1);
        }
        return object;
    }

    private ArrayNode array(int depth) {
        ArrayNode array = nodes.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            path.add("[" + index++ + "]");
            JsonNode element = value(depth + 1);
            if (element != null) {
                array.add(element);
            }
            path.remove(path.size() - 1);
        }
        return array;
    }

    private JsonNode text(String text) {
        String problem = SafeText.problem(text);
        if (problem != null) {
            refuse(problem);
            return null;
        }
        return nodes.stringNode(text);
    }

    private JsonNode number(String text, boolean integral) {
        if (text.length() > ItemBounds.MAX_NUMBER_CHARS) {
            return outOfRange();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return outOfRange();
        }
        if (!ItemBounds.numberInRange(value)) {
            return outOfRange();
        }
        if (!integral) {
            return nodes.numberNode(value);
        }
        BigInteger whole = value.toBigIntegerExact();
        if (whole.bitLength() < Integer.SIZE) {
            return nodes.numberNode(whole.intValue());
        }
        return whole.bitLength() < Long.SIZE ? nodes.numberNode(whole.longValue()) : nodes.numberNode(whole);
    }

    private JsonNode outOfRange() {
        refuse("is a number out of range");
        return null;
    }

    private void refuse(String reason) {
        if (defect == null) {
            defect = describePath() + " " + reason;
        }
    }

    private String describePath() {
        if (path.isEmpty()) {
            return "item";
        }
        StringBuilder described = new StringBuilder();
        for (String segment : path) {
            if (!segment.startsWith("[") && described.length() > 0) {
                described.append('.');
            }
            described.append(
                    segment.length() > MAX_NAME_IN_MESSAGE
                            ? SafeText.sanitise(segment, MAX_NAME_IN_MESSAGE) + "…"
                            : segment);
        }
        return described.toString();
    }
}
