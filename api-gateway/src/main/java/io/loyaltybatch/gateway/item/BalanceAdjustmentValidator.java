package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code balance-adjustment}: a signed, non-zero whole number of points, at most 10^12 either way. */
@Component
class BalanceAdjustmentValidator implements ItemValidator<LedgerItems.BalanceAdjustment> {

    @Override
    public ItemType type() {
        return ItemType.BALANCE_ADJUSTMENT;
    }

    @Override
    public LedgerItems.BalanceAdjustment validate(JsonNode item) {
        long amount = Fields.requiredPoints(item, "amount");
        if (amount == 0) {
            throw ItemRejectedException.invalid("amount must not be 0");
        }
        String reason = Fields.optionalString(item, "reason", ItemBounds.MAX_TEXT_CHARS);
        return new LedgerItems.BalanceAdjustment(amount, reason);
    }
}
