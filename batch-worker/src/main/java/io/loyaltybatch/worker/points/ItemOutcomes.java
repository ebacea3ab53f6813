package io.loyaltybatch.worker.points;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemRef;
import io.loyaltybatch.model.ItemResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The results the ledger item kinds share, with the contract's messages. */
public final class ItemOutcomes {

    private ItemOutcomes() {}

    public static ItemResult customerNotFound(ItemRef item) {
        return ItemResult.failure(item.index(), item.customerId(), ErrorCode.CUSTOMER_NOT_FOUND, "Customer Not Found");
    }

    public static ItemResult duplicateTransaction(ItemRef item) {
        return ItemResult.failure(
                item.index(), item.customerId(), ErrorCode.DUPLICATE_TRANSACTION, "Transaction ID Already Exists");
    }

    public static ItemResult duplicateOrder(ItemRef item) {
        return ItemResult.failure(
                item.index(), item.customerId(), ErrorCode.DUPLICATE_TRANSACTION, "Order ID Already Exists");
    }

    public static ItemResult insufficientBalance(ItemRef item) {
        return ItemResult.failure(
                item.index(), item.customerId(), ErrorCode.INSUFFICIENT_BALANCE, "Insufficient Balance Points");
    }

    public static ItemResult success(ItemRef item, String message, Object... keysAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            payload.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ItemResult.success(item.index(), item.customerId(), message, payload);
    }
}
