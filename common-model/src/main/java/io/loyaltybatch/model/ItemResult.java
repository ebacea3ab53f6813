package io.loyaltybatch.model;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one item, as shown in the job status {@code response}.
 *
 * @param index      the item's position in the submitted {@code body}
 * @param customerId the item's customer id (may be null for an item that had none)
 * @param successful whether the item took effect
 * @param message    success message, or the human error text of a failed item
 * @param code       the error code of a failed item, null for a successful one
 * @param payload    the operation's payload of a successful item (insertion-ordered), empty otherwise
 */
public record ItemResult(
        int index, String customerId, boolean successful, String message, ErrorCode code, Map<String, Object> payload) {

    /** Longest customer id an item may have (the contract's bound), and so a result may carry. */
    public static final int MAX_CUSTOMER_ID_CHARS = 100;

    public ItemResult {
        Objects.requireNonNull(message, "message");
        payload = payload == null ? Map.of() : payload;
        if (successful == (code != null)) {
            throw new IllegalArgumentException("a successful result has no code, a failed one has one");
        }
    }

    public static ItemResult success(int index, String customerId, String message, Map<String, Object> payload) {
        return new ItemResult(index, customerId, true, message, null, payload);
    }

    public static ItemResult success(int index, String customerId, String message) {
        return success(index, customerId, message, Map.of());
    }

    public static ItemResult failure(int index, String customerId, ErrorCode code, String error) {
        return new ItemResult(index, customerId, false, error, code, Map.of());
    }
}
