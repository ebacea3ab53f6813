package io.loyaltybatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    @Test
    void envelopeRoundTripsThroughJson() {
        var item = WireCodec.mapper().createObjectNode().put("email", "a@b.co");
        ItemEnvelope envelope = ItemEnvelope.of("acme", 42L, 7, ItemType.CUSTOMERS, "c-1", item);

        ItemEnvelope decoded = WireCodec.decodeEnvelope(WireCodec.encode(envelope));

        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.partitionKey()).isEqualTo("acme/c-1");
    }

    @Test
    void rejectsTextThatIsNotJson() {
        assertThatThrownBy(() -> WireCodec.decodeEnvelope("{not json"))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void rejectsUnknownEnvelopeVersion() {
        String v2 = """
                {"v":2,"tenant":"acme","jobId":1,"index":0,"type":"customers","customerId":"c","item":{}}""";
        assertThatThrownBy(() -> WireCodec.decodeEnvelope(v2))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageContaining("version");
    }

    @Test
    void rejectsEnvelopeWithoutJobId() {
        String noJob = """
                {"v":1,"tenant":"acme","index":0,"type":"customers","customerId":"c","item":{}}""";
        assertThatThrownBy(() -> WireCodec.decodeEnvelope(noJob)).isInstanceOf(MalformedEnvelopeException.class);
    }

    @Test
    void successfulResultKeepsPayloadOrder() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("orderId", "o-1");
        payload.put("rewardedPoints", 10);
        ItemResult result = ItemResult.success(3, "c-1", "Order tracked successfully", payload);

        ItemResult decoded = WireCodec.decodeResult(WireCodec.encode(result));

        assertThat(WireCodec.encode(decoded)).isEqualTo(WireCodec.encode(result));
        assertThat(decoded.payload().keySet()).containsExactly("orderId", "rewardedPoints");
    }

    @Test
    void moneyKeepsItsScale() {
        ItemResult result = ItemResult.success(0, "c", "ok", Map.of("rewardAmount", new java.math.BigDecimal("0.40")));

        String json = WireCodec.encode(WireCodec.decodeResult(WireCodec.encode(result)));

        assertThat(json).contains("\"rewardAmount\":0.40");
    }

    @Test
    void failedResultKeepsItsCode() {
        ItemResult result = ItemResult.failure(1, null, ErrorCode.INVALID_VALUE, "Invalid email address");

        assertThat(WireCodec.decodeResult(WireCodec.encode(result))).isEqualTo(result);
    }
}
