package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code cashback}: money spent that earns points as an order does. */
@Component
class CashbackValidator implements ItemValidator<LedgerItems.Cashback> {

    @Override
    public ItemType type() {
        return ItemType.CASHBACK;
    }

    @Override
    public LedgerItems.Cashback validate(JsonNode item) {
        return new LedgerItems.Cashback(
                Fields.requiredString(item, "transactionId", ItemBounds.MAX_ID_CHARS),
                Fields.requiredDateTime(item, "transactionTime"),
                Fields.requiredMoney(item, "amount"));
    }
}
