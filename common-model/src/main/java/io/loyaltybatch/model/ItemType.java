package io.loyaltybatch.model;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of item a batch job can hold, with the path segment and the operation name of the contract. */
public enum ItemType {
    CUSTOMERS("customers", "Customer Creation Batch Job"),
    ORDERS("orders", "Order Tracking Batch Job"),
    BALANCE_INQUIRY("balance-inquiry", "Balance Inquiry Batch Job"),
    BALANCE_ADJUSTMENT("balance-adjustment", "Balance Adjustment Batch Job"),
    CASHBACK("cashback", "Cashback Reward Batch Job"),
    REDEEM("redeem", "Redemption Batch Job"),
    EVENTS("events", "Events Tracking Batch Job");

    private final String pathName;
    private final String operation;

    ItemType(String pathName, String operation) {
        this.pathName = pathName;
        this.operation = operation;
    }

    /** The `{type}` segment of `POST {prefix}/batch/{type}`, also the wire name in envelopes and Redis. */
    public String pathName() {
        return pathName;
    }

    /** The `operation` shown in the job status document. */
    public String operation() {
        return operation;
    }

    public static Optional<ItemType> fromPathName(String pathName) {
        return Arrays.stream(values()).filter(t -> t.pathName.equals(pathName)).findFirst();
    }
}
