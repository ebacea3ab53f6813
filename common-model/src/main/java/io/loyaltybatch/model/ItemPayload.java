package io.loyaltybatch.model;

/**
 * The body of one item, of one kind: validated and normalised by the gateway, carried in the envelope as JSON,
 * decoded once by the worker. {@link ItemType#payloadType()} names the record of each kind. Adding an item kind means
 * adding its record here (and a validator in the gateway, a handler in the worker).
 */
public sealed interface ItemPayload
        permits CustomerProfile,
                LedgerItems.Order,
                LedgerItems.BalanceInquiry,
                LedgerItems.BalanceAdjustment,
                LedgerItems.Cashback,
                LedgerItems.Redeem,
                LedgerItems.Events {}
