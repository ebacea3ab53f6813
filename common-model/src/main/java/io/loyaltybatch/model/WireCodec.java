package io.loyaltybatch.model;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON forms of what crosses process boundaries: {@link ItemEnvelope} on Kafka (its payload as the record of its
 * kind) and {@link ItemResult} in Redis.
 * Field names are written out here rather than derived from class names, so the wire format is stable and versioned.
 */
public final class WireCodec {

    /** Reads JSON decimals exactly (money must not pass through a double). */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // a payload written by a newer gateway may carry fields this worker does not know yet
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private WireCodec() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static String encode(ItemEnvelope envelope) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("v", envelope.version());
        node.put("tenant", envelope.tenantId());
        node.put("jobId", envelope.jobId());
        node.put("index", envelope.index());
        node.put("type", envelope.type().pathName());
        node.put("customerId", envelope.customerId());
        node.set("item", MAPPER.valueToTree(envelope.payload()));
        return MAPPER.writeValueAsString(node);
    }

    /**
     * @throws UnreadablePayloadException if the envelope names its item but its payload is not the kind's record
     * @throws MalformedEnvelopeException if the text is not a version-1 envelope at all
     */
    public static ItemEnvelope decodeEnvelope(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new MalformedEnvelopeException("item record is not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEnvelopeException("item record is not a JSON object");
        }
        int version = node.path("v").asInt(-1);
        if (version != ItemEnvelope.CURRENT_VERSION) {
            throw new MalformedEnvelopeException("unsupported envelope version");
        }
        ItemType type = ItemType.fromPathName(node.path("type").asString(""))
                .orElseThrow(() -> new MalformedEnvelopeException("unknown item type"));
        String tenant = requiredText(node, "tenant");
        if (SafeText.problem(tenant) != null) {
            throw new MalformedEnvelopeException("envelope has an unreadable tenant");
        }
        String customerId = requiredText(node, "customerId");
        JsonNode item = node.get("item");
        if (!node.path("jobId").canConvertToLong() || !node.path("index").canConvertToInt() || item == null) {
            throw new MalformedEnvelopeException("envelope lacks jobId, index or item");
        }
        long jobId = node.get("jobId").asLong();
        int index = node.get("index").asInt();
        ItemPayload payload;
        try {
            payload = MAPPER.treeToValue(item, type.payloadType());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new UnreadablePayloadException(ItemRef.of(tenant, jobId, index, customerId), e);
        }
        if (payload == null) {
            throw new UnreadablePayloadException(ItemRef.of(tenant, jobId, index, customerId), null);
        }
        return new ItemEnvelope(version, tenant, jobId, index, type, customerId, payload);
    }

    public static String encode(ItemResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("index", result.index());
        node.put("customerId", result.customerId());
        node.put("ok", result.successful());
        node.put("message", result.message());
        if (result.code() != null) {
            node.put("code", result.code().name());
        }
        if (!result.payload().isEmpty()) {
            node.set("payload", MAPPER.valueToTree(result.payload()));
        }
        return MAPPER.writeValueAsString(node);
    }

    public static ItemResult decodeResult(String json) {
        JsonNode node = MAPPER.readTree(json);
        String customerId = node.path("customerId").isNull()
                ? null
                : node.path("customerId").asString(null);
        int index = node.path("index").asInt();
        String message = node.path("message").asString("");
        if (node.path("ok").asBoolean()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            // values stay JSON nodes, so money keeps its scale (0.40 stays 0.40) on the way to the client
            node.path("payload").properties().forEach(e -> payload.put(e.getKey(), e.getValue()));
            return ItemResult.success(index, customerId, message, payload);
        }
        return ItemResult.failure(
                index, customerId, ErrorCode.valueOf(node.path("code").asString()), message);
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new MalformedEnvelopeException("envelope lacks " + field);
        }
        return value.asString();
    }
}
