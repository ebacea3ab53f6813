package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.item.ItemTree;
import io.loyaltybatch.gateway.item.SubmittedItem;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.WireCodec;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads {@code {"body": [...]}} as a token stream and applies the request-level rules of the contract (3016, 3000,
 * 3011). Each element of {@code body} is read by {@link ItemTree}, which refuses hostile values item by item; only
 * what makes the request as a whole unreadable (not JSON, nested more than {@value #MAX_DEPTH} levels) rejects it.
 */
@Component
class BatchRequestParser {

    /** Deepest nesting of a whole request; deeper than this is not read at all. */
    static final int MAX_DEPTH = 64;

    private final JsonMapper mapper;
    private final JsonNodeFactory nodes;
    private final int maxItems;

    BatchRequestParser(GatewayProperties properties) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        // numbers are kept as text and bounded by ItemTree, so their length must not fail the request
                        .maxNumberLength(Integer.MAX_VALUE)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory).build();
        this.nodes = WireCodec.mapper().deserializationConfig().getNodeFactory();
        this.maxItems = properties.maxItems();
    }

    List<SubmittedItem> parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw notABatch();
        }
        List<SubmittedItem> items;
        try (JsonParser parser = mapper.createParser(body)) {
            items = readBatch(parser);
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest(
                    ErrorCode.MALFORMED_BODY, "The request body is nested more than " + MAX_DEPTH + " levels deep");
        } catch (JacksonException e) {
            throw ApiException.badRequest(ErrorCode.MALFORMED_BODY, "The request body is not valid JSON");
        }
        if (items.isEmpty()) {
            throw ApiException.badRequest(ErrorCode.MISSING_FIELD, "body must hold at least one object");
        }
        return items;
    }

    private List<SubmittedItem> readBatch(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw notABatch();
        }
        List<SubmittedItem> items = null;
        int count = 0;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            boolean isBody = "body".equals(parser.currentName());
            JsonToken value = parser.nextToken();
            if (!isBody) {
                parser.skipChildren();
                continue;
            }
            if (items != null) {
                throw ApiException.badRequest(ErrorCode.MALFORMED_BODY, "The request body holds \"body\" twice");
            }
            if (value != JsonToken.START_ARRAY) {
                throw notABatch();
            }
            items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (++count <= maxItems) {
                    items.add(ItemTree.read(parser, nodes));
                } else {
                    parser.skipChildren();
                }
            }
        }
        if (parser.nextToken() != null) {
            throw ApiException.badRequest(ErrorCode.MALFORMED_BODY, "The request body is not valid JSON");
        }
        if (items == null) {
            throw notABatch();
        }
        if (count > maxItems) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ErrorCode.BATCH_TOO_LARGE,
                    "A batch holds at most " + maxItems + " objects; this one has " + count);
        }
        return items;
    }

    private static ApiException notABatch() {
        return ApiException.badRequest(
                ErrorCode.MALFORMED_BODY, "The request body must be a JSON object with a \"body\" array");
    }
}
