package io.loyaltybatch.worker.points;

/** The kinds of rows in the points ledger. */
public enum MovementKind {
    /** points earned and spendable at once */
    EARN,
    /** points earned but inside their return window; they become spendable at {@code availableAt} */
    PENDING_EARN,
    ADJUSTMENT_UP,
    ADJUSTMENT_DOWN,
    REDEMPTION
}
