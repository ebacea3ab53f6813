package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.WireCodec;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code {"body": [...]}} and applies the request-level rules of the contract (3016, 3000, 3011). */
@Component
class BatchRequestParser {

    private final JsonMapper mapper;
    private final int maxItems;

    BatchRequestParser(GatewayProperties properties) {
        this.mapper = WireCodec.mapper();
        this.maxItems = properties.maxItems();
    }

    List<JsonNode> parse(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest(ErrorCode.MALFORMED_BODY, "The request body is not valid JSON");
        }
        JsonNode items = root != null && root.isObject() ? root.get("body") : null;
        if (items == null || !items.isArray()) {
            throw ApiException.badRequest(
                    ErrorCode.MALFORMED_BODY, "The request body must be a JSON object with a \"body\" array");
        }
        if (items.isEmpty()) {
            throw ApiException.badRequest(ErrorCode.MISSING_FIELD, "body must hold at least one object");
        }
        if (items.size() > maxItems) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ErrorCode.BATCH_TOO_LARGE,
                    "A batch holds at most " + maxItems + " objects; this one has " + items.size());
        }
        List<JsonNode> list = new ArrayList<>(items.size());
        items.forEach(list::add);
        return list;
    }
}
