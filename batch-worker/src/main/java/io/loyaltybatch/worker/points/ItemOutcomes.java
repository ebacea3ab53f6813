package io.loyaltybatch.worker.points;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.WireCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The failures the ledger item kinds share, with the contract's messages, and payload helpers. */
public final class ItemOutcomes {

    private ItemOutcomes() {}

    public static ItemResult customerNotFound(ItemEnvelope item) {
        return ItemResult.failure(item.index(), item.customerId(), ErrorCode.CUSTOMER_NOT_FOUND, "Customer Not Found");
    }

    public static ItemResult duplicateTransaction(ItemEnvelope item) {
        return ItemResult.failure(
                item.index(), item.customerId(), ErrorCode.DUPLICATE_TRANSACTION, "Transaction ID Already Exists");
    }

    public static ItemResult duplicateOrder(ItemEnvelope item) {
        return ItemResult.failure(
                item.index(), item.customerId(), ErrorCode.DUPLICATE_TRANSACTION, "Order ID Already Exists");
    }

    public static ItemResult insufficientBalance(ItemEnvelope item) {
        return ItemResult.failure(
                item.index(), item.customerId(), ErrorCode.INSUFFICIENT_BALANCE, "Insufficient Balance Points");
    }

    public static ItemResult success(ItemEnvelope item, String message, Object... keysAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            payload.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ItemResult.success(item.index(), item.customerId(), message, payload);
    }

    /** The item's normalised body as its record type. */
    public static <T> T body(ItemEnvelope item, Class<T> type) {
        return WireCodec.mapper().treeToValue(item.item(), type);
    }
}
