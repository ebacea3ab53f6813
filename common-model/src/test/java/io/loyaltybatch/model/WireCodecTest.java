package io.loyaltybatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    @Test
    void envelopeRoundTripsThroughJsonWithItsTypedPayload() {
        CustomerProfile profile = new CustomerProfile(
                null, null, null, "a@b.co", null, null, null, null, null, null, null, null, true, null, null);
        ItemEnvelope envelope = ItemEnvelope.of("acme", 42L, 7, ItemType.CUSTOMERS, "c-1", profile);

        String json = WireCodec.encode(envelope);
        ItemEnvelope decoded = WireCodec.decodeEnvelope(json);

        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.partitionKey()).isEqualTo("acme/c-1");
        assertThat(json).contains("\"item\":{\"email\":\"a@b.co\",\"guest\":true}");
    }

    @Test
    void everyKindsPayloadRoundTrips() {
        java.util.List<ItemPayload> payloads = java.util.List.of(
                new LedgerItems.Order(
                        "o-1",
                        "2026-11-30T09:15:00Z",
                        new java.math.BigDecimal("249.90"),
                        null,
                        null,
                        null,
                        new java.math.BigDecimal("12.50"),
                        java.util.List.of(Map.of("sku", "tea"))),
                new LedgerItems.BalanceInquiry(),
                new LedgerItems.BalanceAdjustment(-5, "why"),
                new LedgerItems.Cashback("t-1", "2026-11-30T09:20:00Z", new java.math.BigDecimal("40.00")),
                new LedgerItems.Redeem("r-1", "2026-11-30T09:30:00Z", 100L, null),
                new LedgerItems.Events(Map.of("open", Map.of("platform", "ios"))));
        for (ItemPayload payload : payloads) {
            ItemType type = java.util.Arrays.stream(ItemType.values())
                    .filter(t -> t.payloadType() == payload.getClass())
                    .findFirst()
                    .orElseThrow();
            ItemEnvelope envelope = ItemEnvelope.of("acme", 1L, 0, type, "c", payload);

            assertThat(WireCodec.decodeEnvelope(WireCodec.encode(envelope))).isEqualTo(envelope);
            assertThat(WireCodec.readWritten(WireCodec.encode(envelope)))
                    .as("read in one pass")
                    .isEqualTo(envelope);
        }
    }

    @Test
    void anEnvelopeWithItsFieldsInAnotherOrderIsReadToo() {
        String itemFirst = "{\"item\":{\"email\":\"a@b.co\"},\"customerId\":\"c\",\"type\":\"customers\","
                + "\"index\":3,\"jobId\":7,\"tenant\":\"acme\",\"v\":1}";

        ItemEnvelope decoded = WireCodec.decodeEnvelope(itemFirst);

        assertThat(WireCodec.readWritten(itemFirst))
                .as("not as written: the type comes after the item")
                .isNull();
        assertThat(decoded.jobId()).isEqualTo(7);
        assertThat(decoded.index()).isEqualTo(3);
        assertThat(decoded.type()).isEqualTo(ItemType.CUSTOMERS);
        assertThat(decoded.payload())
                .isEqualTo(WireCodec.decodeEnvelope(WireCodec.encode(decoded)).payload());
    }

    @Test
    void trailingTextAfterTheEnvelopeIsNotReadInOnePass() {
        String json = WireCodec.encode(
                ItemEnvelope.of("acme", 1L, 0, ItemType.BALANCE_INQUIRY, "c", new LedgerItems.BalanceInquiry()));

        assertThat(WireCodec.readWritten(json + " {}")).isNull();
    }

    @Test
    void aPayloadThatIsNotItsKindsRecordIsUnreadableButNamesItsItem() {
        String badPayload = """
                {"v":1,"tenant":"acme","jobId":9,"index":4,"type":"orders","customerId":"c","item":{"totalPaid":"many"}}""";

        assertThatThrownBy(() -> WireCodec.decodeEnvelope(badPayload))
                .isInstanceOfSatisfying(UnreadablePayloadException.class, e -> {
                    assertThat(e.item().jobId()).isEqualTo(9);
                    assertThat(e.item().index()).isEqualTo(4);
                    assertThat(e.item().customerId()).isEqualTo("c");
                });
    }

    @Test
    void anEnvelopeCarriesOnlyItsKindsRecord() {
        assertThatThrownBy(() -> ItemEnvelope.of("acme", 1L, 0, ItemType.ORDERS, "c", new LedgerItems.BalanceInquiry()))
                .isInstanceOf(IllegalArgumentException.class);
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
