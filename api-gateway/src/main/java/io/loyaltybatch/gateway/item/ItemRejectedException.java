package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ErrorCode;

/** Thrown by validators for an invalid item; it becomes a failed item of the job, never a request error. */
public class ItemRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ItemRejectedException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ItemRejectedException missing(String field) {
        return new ItemRejectedException(ErrorCode.MISSING_FIELD, field + " is required");
    }

    public static ItemRejectedException invalid(String message) {
        return new ItemRejectedException(ErrorCode.INVALID_VALUE, message);
    }
}
