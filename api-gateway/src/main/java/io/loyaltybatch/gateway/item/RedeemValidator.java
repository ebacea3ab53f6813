package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code redeem}: exactly one of {@code points} or {@code amount}; point holds are not offered (3013). */
@Component
class RedeemValidator implements ItemValidator<LedgerItems.Redeem> {

    @Override
    public ItemType type() {
        return ItemType.REDEEM;
    }

    @Override
    public LedgerItems.Redeem validate(JsonNode item) {
        String transactionId = Fields.requiredString(item, "transactionId", ItemBounds.MAX_ID_CHARS);
        String transactionTime = Fields.requiredDateTime(item, "transactionTime");
        boolean points = Fields.present(item, "points");
        boolean amount = Fields.present(item, "amount");
        boolean hold = Fields.present(item, "holdReference");
        if ((points ? 1 : 0) + (amount ? 1 : 0) + (hold ? 1 : 0) > 1) {
            throw ItemRejectedException.invalid("Give exactly one of points, amount or holdReference");
        }
        if (hold) {
            throw new ItemRejectedException(ErrorCode.HOLD_NOT_SUPPORTED, "holdReference is not supported");
        }
        if (!points && !amount) {
            throw new ItemRejectedException(ErrorCode.MISSING_FIELD, "points or amount is required");
        }
        Long pointsValue = points ? Fields.requiredPoints(item, "points") : null;
        BigDecimal amountValue = amount ? Fields.requiredMoney(item, "amount") : null;
        if ((pointsValue != null && pointsValue <= 0) || (amountValue != null && amountValue.signum() <= 0)) {
            throw ItemRejectedException.invalid((points ? "points" : "amount") + " must be greater than 0");
        }
        return new LedgerItems.Redeem(transactionId, transactionTime, pointsValue, amountValue);
    }
}
