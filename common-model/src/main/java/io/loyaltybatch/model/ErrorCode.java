package io.loyaltybatch.model;

/** Error codes of the contract, for request-level errors and for failed items. */
public enum ErrorCode {
    UNKNOWN_API_KEY(1000),
    INVALID_SECRET_KEY(1001),
    /** The HTTP request itself is malformed: its path, headers, method or {@code Content-Length}. */
    MALFORMED_REQUEST(2000),
    /** A tenant's limit (requests per second, unfinished jobs, items per day) was reached: 429. */
    LIMIT_EXCEEDED(2029),
    MISSING_FIELD(3000),
    INVALID_VALUE(3003),
    BATCH_TOO_LARGE(3011),
    HOLD_NOT_SUPPORTED(3013),
    MALFORMED_BODY(3016),
    CONFLICT(4000),
    NOT_FOUND(4004),
    ITEM_NOT_PROCESSED(5000),
    INTERNAL_ERROR(5001),
    DEPENDENCY_UNAVAILABLE(5003),
    CUSTOMER_NOT_FOUND(7000),
    DUPLICATE_TRANSACTION(9004),
    INSUFFICIENT_BALANCE(9008);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The envelope `type`, which follows the code's thousand. */
    public String type() {
        return switch (code / 1000) {
            case 1 -> "AUTHENTICATION_ERROR";
            case 2 -> "REQUEST_ERROR";
            case 3 -> "PAYLOAD_ERROR";
            case 4 -> "GENERAL_ERROR";
            case 5 -> "SERVER_ERROR";
            case 7 -> "CUSTOMER_ERROR";
            case 9 -> "TRANSACTIONS_ERROR";
            default -> throw new IllegalStateException("No type for code " + code);
        };
    }
}
