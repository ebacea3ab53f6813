package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import io.loyaltybatch.model.WireCodec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code cashback}: money spent that earns points as an order does. */
@Component
class CashbackValidator implements ItemValidator {

    @Override
    public ItemType type() {
        return ItemType.CASHBACK;
    }

    @Override
    public JsonNode validate(JsonNode item) {
        return WireCodec.mapper()
                .valueToTree(new LedgerItems.Cashback(
                        Fields.requiredString(item, "transactionId", ItemBounds.MAX_ID_CHARS),
                        Fields.requiredDateTime(item, "transactionTime"),
                        Fields.requiredMoney(item, "amount")));
    }
}
