package io.loyaltybatch.worker.points;

import io.loyaltybatch.worker.customer.CustomerKey;
import java.time.Instant;

/**
 * One row of the points ledger.
 *
 * @param id          the ledger's id for the movement (reported as {@code transactionRef})
 * @param points      signed: positive adds points, negative takes them away
 * @param availableAt when the points can be spent (earns); the time of the movement otherwise
 * @param settled     whether {@code points} are already in the customer's available balance
 * @param sourceType  what caused it: order, cashback, adjustment, redemption
 * @param sourceId    the order or transaction id, if any
 */
public record Movement(
        long id,
        CustomerKey customer,
        MovementKind kind,
        long points,
        Instant availableAt,
        boolean settled,
        String sourceType,
        String sourceId,
        long jobId,
        int itemIndex) {}
