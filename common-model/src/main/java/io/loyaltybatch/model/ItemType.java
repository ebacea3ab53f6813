package io.loyaltybatch.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The kinds of item a batch job can hold, with the path segment and the operation name of the contract and the record
 * of their payload. Both applications refuse to start unless every kind has its validator (gateway) and its handler
 * (worker).
 */
public enum ItemType {
    CUSTOMERS("customers", "Customer Creation Batch Job", CustomerProfile.class),
    ORDERS("orders", "Order Tracking Batch Job", LedgerItems.Order.class),
    BALANCE_INQUIRY("balance-inquiry", "Balance Inquiry Batch Job", LedgerItems.BalanceInquiry.class),
    BALANCE_ADJUSTMENT("balance-adjustment", "Balance Adjustment Batch Job", LedgerItems.BalanceAdjustment.class),
    CASHBACK("cashback", "Cashback Reward Batch Job", LedgerItems.Cashback.class),
    REDEEM("redeem", "Redemption Batch Job", LedgerItems.Redeem.class),
    EVENTS("events", "Events Tracking Batch Job", LedgerItems.Events.class);

    private final String pathName;
    private final String operation;
    private final Class<? extends ItemPayload> payloadType;

    ItemType(String pathName, String operation, Class<? extends ItemPayload> payloadType) {
        this.pathName = pathName;
        this.operation = operation;
        this.payloadType = payloadType;
    }

    /** The record an item of this kind carries. */
    public Class<? extends ItemPayload> payloadType() {
        return payloadType;
    }

    /** The `{type}` segment of `POST {prefix}/batch/{type}`, also the wire name in envelopes and Redis. */
    public String pathName() {
        return pathName;
    }

    /** The `operation` shown in the job status document. */
    public String operation() {
        return operation;
    }

    /**
     * The parts of an application for each kind (validators, handlers), by kind.
     *
     * @param part what the parts are, for the message
     * @throws IllegalStateException unless every kind has exactly one part: a kind cannot be half-deployed
     */
    public static <T> Map<ItemType, T> oneEach(Collection<T> parts, Function<T, ItemType> kindOf, String part) {
        Map<ItemType, T> byKind = new EnumMap<>(ItemType.class);
        for (T each : parts) {
            if (byKind.put(kindOf.apply(each), each) != null) {
                throw new IllegalStateException("two " + part + "s for item type " + kindOf.apply(each));
            }
        }
        List<ItemType> missing = Arrays.stream(values())
                .filter(type -> !byKind.containsKey(type))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "no " + part + " for item type(s) " + missing + ": every item kind needs one");
        }
        return byKind;
    }

    public static Optional<ItemType> fromPathName(String pathName) {
        return Arrays.stream(values()).filter(t -> t.pathName.equals(pathName)).findFirst();
    }
}
