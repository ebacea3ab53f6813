package io.loyaltybatch.gateway.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemPayload;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import io.loyaltybatch.model.WireCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerItemValidationTest {

    private final ItemValidation validation = Validators.validation();

    private ValidatedItem validate(ItemType type, String json) {
        return validation.validate(type, List.of(SubmittedItems.of(json))).get(0);
    }

    private <P extends ItemPayload> P accepted(ItemType type, String json) {
        ValidatedItem item = validate(type, json);
        assertThat(item).isInstanceOf(ValidatedItem.Accepted.class);
        ItemPayload payload = ((ValidatedItem.Accepted) item).payload();
        assertThat(payload).isInstanceOf(type.payloadType());
        @SuppressWarnings("unchecked")
        P typed = (P) payload;
        return typed;
    }

    private void rejected(ItemType type, String json, ErrorCode code, String message) {
        ValidatedItem item = validate(type, json);
        assertThat(item).isInstanceOf(ValidatedItem.Rejected.class);
        assertThat(((ValidatedItem.Rejected) item).result().code()).isEqualTo(code);
        assertThat(((ValidatedItem.Rejected) item).result().message()).isEqualTo(message);
    }

    @Test
    void orderIsNormalisedWithExactMoneyAndAnInstant() {
        LedgerItems.Order order = accepted(ItemType.ORDERS, """
                {"customerId": "c", "orderId": " o-1 ", "orderDate": "2026-11-01T12:00:00+02:00",
                 "totalPaid": 100.10, "totalTax": "5.5", "lineItems": [{"sku": "x"}], "unknown": true}""");

        assertThat(order.orderId()).isEqualTo("o-1");
        assertThat(order.orderDate()).isEqualTo("2026-11-01T10:00:00Z");
        assertThat(order.totalPaid()).isEqualByComparingTo("100.10");
        assertThat(order.totalTax()).isEqualByComparingTo("5.5");
        assertThat(order.lineItems()).containsExactly(Map.of("sku", "x"));
        assertThat(WireCodec.mapper().writeValueAsString(order)).doesNotContain("unknown");
    }

    @Test
    void orderRules() {
        rejected(
                ItemType.ORDERS,
                "{\"customerId\": \"c\", \"orderDate\": \"2026-11-01\", \"totalPaid\": 1}",
                ErrorCode.MISSING_FIELD,
                "orderId is required");
        rejected(
                ItemType.ORDERS,
                "{\"customerId\": \"c\", \"orderId\": \"o\", \"orderDate\": \"yesterday\"," + " \"totalPaid\": 1}",
                ErrorCode.INVALID_VALUE,
                "orderDate is not a valid date-time");
        rejected(
                ItemType.ORDERS,
                "{\"customerId\": \"c\", \"orderId\": \"o\", \"orderDate\": \"2026-11-01\"," + " \"totalPaid\": -1}",
                ErrorCode.INVALID_VALUE,
                "totalPaid must be a number >= 0");
        rejected(
                ItemType.ORDERS,
                "{\"customerId\": \"c\", \"orderId\": \"o\", \"orderDate\": \"2026-11-01\"," + " \"totalPaid\": 1.001}",
                ErrorCode.INVALID_VALUE,
                "totalPaid may have at most 2 decimal places");
        rejected(
                ItemType.ORDERS,
                "{\"customerId\": \"c\", \"orderId\": \"o\", \"orderDate\": \"2026-11-01\"}",
                ErrorCode.MISSING_FIELD,
                "totalPaid is required");
    }

    @Test
    void adjustmentIsASignedNonZeroWholeNumber() {
        LedgerItems.BalanceAdjustment adjustment =
                accepted(ItemType.BALANCE_ADJUSTMENT, "{\"customerId\": \"c\", \"amount\": -15}");
        assertThat(adjustment.amount()).isEqualTo(-15);
        rejected(
                ItemType.BALANCE_ADJUSTMENT,
                "{\"customerId\": \"c\", \"amount\": 0}",
                ErrorCode.INVALID_VALUE,
                "amount must not be 0");
        rejected(
                ItemType.BALANCE_ADJUSTMENT,
                "{\"customerId\": \"c\", \"amount\": 1.5}",
                ErrorCode.INVALID_VALUE,
                "amount must be a whole number");
        rejected(ItemType.BALANCE_ADJUSTMENT, "{\"customerId\": \"c\"}", ErrorCode.MISSING_FIELD, "amount is required");
    }

    @Test
    void cashbackNeedsTransactionTimeAndAmount() {
        accepted(
                ItemType.CASHBACK,
                "{\"customerId\": \"c\", \"transactionId\": \"t\","
                        + " \"transactionTime\": \"2026-11-01T10:00:00Z\", \"amount\": 3}");
        rejected(
                ItemType.CASHBACK,
                "{\"customerId\": \"c\", \"transactionId\": \"t\", \"amount\": 3}",
                ErrorCode.MISSING_FIELD,
                "transactionTime is required");
    }

    @Test
    void redeemTakesExactlyOneOfPointsOrAmount() {
        String base = "{\"customerId\": \"c\", \"transactionId\": \"t\", \"transactionTime\": \"2026-11-01\"";
        LedgerItems.Redeem byPoints = accepted(ItemType.REDEEM, base + ", \"points\": 10}");
        assertThat(byPoints.points()).isEqualTo(10);
        assertThat(byPoints.transactionTime()).isEqualTo("2026-11-01T00:00:00Z");
        LedgerItems.Redeem byAmount = accepted(ItemType.REDEEM, base + ", \"amount\": 2.5}");
        assertThat(byAmount.points()).isNull();
        assertThat(byAmount.amount()).isEqualByComparingTo("2.50");
        rejected(
                ItemType.REDEEM,
                base + ", \"holdReference\": \"h\"}",
                ErrorCode.HOLD_NOT_SUPPORTED,
                "holdReference is not supported");
        rejected(ItemType.REDEEM, base + "}", ErrorCode.MISSING_FIELD, "points or amount is required");
        rejected(
                ItemType.REDEEM,
                base + ", \"points\": 1, \"amount\": 1}",
                ErrorCode.INVALID_VALUE,
                "Give exactly one of points, amount or holdReference");
        rejected(ItemType.REDEEM, base + ", \"points\": 0}", ErrorCode.INVALID_VALUE, "points must be greater than 0");
    }

    @Test
    void eventsMapNamesToMetadataObjects() {
        LedgerItems.Events events = accepted(
                ItemType.EVENTS,
                "{\"customerId\": \"c\", \"events\": {\"login\": {\"device\": \"ios\"}, \"app_open\": null}}");
        assertThat(events.events().get("login")).containsExactly(Map.entry("device", "ios"));
        assertThat(events.events().get("app_open")).isEmpty();
        rejected(ItemType.EVENTS, "{\"customerId\": \"c\"}", ErrorCode.MISSING_FIELD, "events is required");
        rejected(
                ItemType.EVENTS,
                "{\"customerId\": \"c\", \"events\": {}}",
                ErrorCode.INVALID_VALUE,
                "events must name at least one event");
        rejected(
                ItemType.EVENTS,
                "{\"customerId\": \"c\", \"events\": {\"x\": 5}}",
                ErrorCode.INVALID_VALUE,
                "metadata of event x must be an object");
    }

    @Test
    void balanceInquiryNeedsOnlyTheCustomer() {
        LedgerItems.BalanceInquiry inquiry =
                accepted(ItemType.BALANCE_INQUIRY, "{\"customerId\": \"c\", \"extra\": 1}");
        assertThat(inquiry).isEqualTo(new LedgerItems.BalanceInquiry());
        rejected(ItemType.BALANCE_INQUIRY, "{}", ErrorCode.MISSING_FIELD, "customerId is required");
    }

    @Test
    void moneyHasAtMostTwelveIntegerDigitsAndTwoFractionDigits() {
        String order = "{\"customerId\": \"c\", \"orderId\": \"o\", \"orderDate\": \"2026-11-01\", \"totalPaid\": ";
        LedgerItems.Order largest = accepted(ItemType.ORDERS, order + "999999999999.99}");
        assertThat(largest.totalPaid()).isEqualByComparingTo("999999999999.99");
        rejected(
                ItemType.ORDERS,
                order + "1000000000000}",
                ErrorCode.INVALID_VALUE,
                "totalPaid may have at most 12 digits before the decimal point");
        rejected(
                ItemType.ORDERS, order + "1e100000000}", ErrorCode.INVALID_VALUE, "totalPaid is a number out of range");
        rejected(
                ItemType.ORDERS,
                order + "\"1e100000000\"}",
                ErrorCode.INVALID_VALUE,
                "totalPaid is a number out of range");
        rejected(
                ItemType.ORDERS,
                order + "\"" + "1".repeat(41) + "\"}",
                ErrorCode.INVALID_VALUE,
                "totalPaid is a number out of range");
        rejected(
                ItemType.ORDERS,
                order + "\"" + "a".repeat(41) + "\"}",
                ErrorCode.INVALID_VALUE,
                "totalPaid must be a number >= 0");
    }

    @Test
    void pointsAreBoundedByTenToTheTwelve() {
        LedgerItems.BalanceAdjustment largest =
                accepted(ItemType.BALANCE_ADJUSTMENT, "{\"customerId\": \"c\", \"amount\": -1000000000000}");
        assertThat(largest.amount()).isEqualTo(-1_000_000_000_000L);
        rejected(
                ItemType.BALANCE_ADJUSTMENT,
                "{\"customerId\": \"c\", \"amount\": -9223372036854775808}",
                ErrorCode.INVALID_VALUE,
                "amount must be between -1000000000000 and 1000000000000");
        rejected(
                ItemType.REDEEM,
                "{\"customerId\": \"c\", \"transactionId\": \"t\", \"transactionTime\": \"2026-11-01\","
                        + " \"points\": 1000000000001}",
                ErrorCode.INVALID_VALUE,
                "points must be between -1000000000000 and 1000000000000");
    }

    @Test
    void dateTimesLieBetween1970AndTheYear9999() {
        String order = "{\"customerId\": \"c\", \"orderId\": \"o\", \"totalPaid\": 1, \"orderDate\": ";
        accepted(ItemType.ORDERS, order + "\"9999-12-31T23:59:59Z\"}");
        rejected(
                ItemType.ORDERS,
                order + "\"+999999999-12-31T23:59:59Z\"}",
                ErrorCode.INVALID_VALUE,
                "orderDate must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        rejected(
                ItemType.ORDERS,
                order + "\"1969-12-31T23:59:59Z\"}",
                ErrorCode.INVALID_VALUE,
                "orderDate must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
    }

    @Test
    void eventsAndLineItemsAreBounded() {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i <= 50; i++) {
            events.append(i == 0 ? "" : ", ").append("\"e").append(i).append("\": {}");
        }
        rejected(
                ItemType.EVENTS,
                "{\"customerId\": \"c\", \"events\": {" + events + "}}",
                ErrorCode.INVALID_VALUE,
                "events may name at most 50 events");
        rejected(
                ItemType.EVENTS,
                "{\"customerId\": \"c\", \"events\": {\"a\": {\"x\": \"" + "x".repeat(4100) + "\"}}}",
                ErrorCode.INVALID_VALUE,
                "a may be at most 4096 bytes of JSON");
        rejected(
                ItemType.EVENTS,
                "{\"customerId\": \"c\", \"events\": {\"a\": {}, \" a \": {}}}",
                ErrorCode.INVALID_VALUE,
                "event a is given more than once");
        String lines = "{\"sku\": 1}, ".repeat(100) + "{\"sku\": 1}";
        rejected(
                ItemType.ORDERS,
                "{\"customerId\": \"c\", \"orderId\": \"o\", \"orderDate\": \"2026-11-01\", \"totalPaid\": 1,"
                        + " \"lineItems\": [" + lines + "]}",
                ErrorCode.INVALID_VALUE,
                "lineItems may hold at most 100 lines");
    }
}
