package io.loyaltybatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

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

    /** Readers of each kind's payload in the middle of an envelope (the envelope's end follows the payload). */
    private static final Map<ItemType, ObjectReader> PAYLOAD_READERS = new EnumMap<>(ItemType.class);

    static {
        for (ItemType type : ItemType.values()) {
            PAYLOAD_READERS.put(
                    type, MAPPER.readerFor(type.payloadType()).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
        }
    }

    private WireCodec() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** An envelope as written: its fields in this order, the payload as its kind's record. */
    private record WireEnvelope(
            int v,
            String tenant,
            long jobId,
            int index,
            String type,
            String customerId,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer program,
            ItemPayload item) {}

    /** A result as written; {@code code} only on a failure, {@code payload} only when there is one. */
    private record WireResult(
            int index,
            String customerId,
            boolean ok,
            String message,
            @JsonInclude(JsonInclude.Include.NON_NULL) String code,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> payload) {}

    /** A result as read back, in one pass; the payload's values as JSON nodes. */
    private record StoredResult(
            int index,
            String customerId,
            boolean ok,
            String message,
            String code,
            LinkedHashMap<String, JsonNode> payload) {}

    public static String encode(ItemEnvelope envelope) {
        return MAPPER.writeValueAsString(new WireEnvelope(
                envelope.version(),
                envelope.tenantId(),
                envelope.jobId(),
                envelope.index(),
                envelope.type().pathName(),
                envelope.customerId(),
                envelope.program() == 0 ? null : envelope.program(),
                envelope.payload()));
    }

    /**
     * @throws UnreadablePayloadException if the envelope names its item but its payload is not the kind's record
     * @throws MalformedEnvelopeException if the text is not a version-1 envelope at all
     */
    public static ItemEnvelope decodeEnvelope(String json) {
        ItemEnvelope envelope = null;
        try {
            envelope = readWritten(json);
        } catch (JacksonException | IllegalArgumentException e) {
            // not as this codec writes it: the tree below says exactly what is wrong with it
        }
        return envelope != null ? envelope : decodeAnyOrder(json);
    }

    /**
     * Reads an envelope as {@link #encode(ItemEnvelope)} writes it (the type before the item) in one pass over the
     * text, the payload straight into its record; null if the text is anything else.
     */
    static ItemEnvelope readWritten(String json) {
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int version = -1;
            String tenant = null;
            String customerId = null;
            ItemType type = null;
            Long jobId = null;
            Integer index = null;
            ItemPayload payload = null;
            int program = 0;
            String name;
            while ((name = parser.nextName()) != null) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "v" -> version = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
                    case "tenant" -> tenant = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    case "customerId" -> customerId = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                    case "type" ->
                        type = value == JsonToken.VALUE_STRING
                                ? ItemType.fromPathName(parser.getString()).orElse(null)
                                : null;
                    case "jobId" -> jobId = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : null;
                    case "index" -> index = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
                    case "program" -> program = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
                    case "item" -> {
                        if (type == null) {
                            return null;
                        }
                        payload = PAYLOAD_READERS.get(type).readValue(parser);
                    }
                    default -> parser.skipChildren();
                }
            }
            boolean complete = parser.nextToken() == null
                    && version == ItemEnvelope.CURRENT_VERSION
                    && tenant != null
                    && !tenant.isEmpty()
                    && SafeText.problem(tenant) == null
                    && customerId != null
                    && !customerId.isEmpty()
                    && jobId != null
                    && index != null
                    && payload != null
                    && program >= 0
                    && type.payloadType().isInstance(payload);
            return complete
                    ? new ItemEnvelope(version, tenant, jobId, index, type, customerId, payload, program)
                    : null;
        }
    }

    /** Reads any envelope through its tree, and says precisely why one cannot be read. */
    private static ItemEnvelope decodeAnyOrder(String json) {
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
        JsonNode programNode = node.get("program");
        int program = 0;
        if (programNode != null && !programNode.isNull()) {
            if (!programNode.isIntegralNumber() || !programNode.canConvertToInt() || programNode.asInt() < 0) {
                throw new MalformedEnvelopeException("envelope has an unreadable program version");
            }
            program = programNode.asInt();
        }
        ItemPayload payload;
        try {
            payload = MAPPER.treeToValue(item, type.payloadType());
        } catch (JacksonException | IllegalArgumentException e) {
            throw new UnreadablePayloadException(ItemRef.of(tenant, jobId, index, customerId), e);
        }
        if (payload == null) {
            throw new UnreadablePayloadException(ItemRef.of(tenant, jobId, index, customerId), null);
        }
        return new ItemEnvelope(version, tenant, jobId, index, type, customerId, payload, program);
    }

    public static String encode(ItemResult result) {
        return MAPPER.writeValueAsString(new WireResult(
                result.index(),
                result.customerId(),
                result.successful(),
                result.message(),
                result.code() == null ? null : result.code().name(),
                result.payload()));
    }

    public static ItemResult decodeResult(String json) {
        StoredResult stored = MAPPER.readValue(json, StoredResult.class);
        String message = stored.message() == null ? "" : stored.message();
        if (stored.ok()) {
            // values stay JSON nodes, so money keeps its scale (0.40 stays 0.40) on the way to the client
            Map<String, Object> payload =
                    stored.payload() == null ? Map.of() : Collections.unmodifiableMap(stored.payload());
            return ItemResult.success(stored.index(), stored.customerId(), message, payload);
        }
        return ItemResult.failure(stored.index(), stored.customerId(), ErrorCode.valueOf(stored.code()), message);
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new MalformedEnvelopeException("envelope lacks " + field);
        }
        return value.asString();
    }
}
