package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import io.loyaltybatch.model.WireCodec;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code orders}: an order earns points on what was paid. */
@Component
class OrderValidator implements ItemValidator<LedgerItems.Order> {

    @Override
    public ItemType type() {
        return ItemType.ORDERS;
    }

    @Override
    public LedgerItems.Order validate(JsonNode item) {
        LedgerItems.Order order = new LedgerItems.Order(
                Fields.requiredString(item, "orderId", ItemBounds.MAX_ID_CHARS),
                Fields.requiredDateTime(item, "orderDate"),
                Fields.requiredMoney(item, "totalPaid"),
                Fields.optionalMoney(item, "totalPrice"),
                Fields.optionalMoney(item, "totalDiscount"),
                Fields.optionalMoney(item, "totalShipping"),
                Fields.optionalMoney(item, "totalTax"),
                lineItems(item));
        return order;
    }

    private static List<Object> lineItems(JsonNode item) {
        if (!Fields.present(item, "lineItems")) {
            return null;
        }
        JsonNode given = item.get("lineItems");
        if (!given.isArray()) {
            throw ItemRejectedException.invalid("lineItems must be an array");
        }
        if (given.size() > ItemBounds.MAX_LINE_ITEMS) {
            throw ItemRejectedException.invalid("lineItems may hold at most " + ItemBounds.MAX_LINE_ITEMS + " lines");
        }
        Fields.requireAtMostBytes(given, "lineItems", ItemBounds.MAX_LINE_ITEMS_BYTES);
        List<Object> lines = new ArrayList<>();
        given.forEach(line -> lines.add(WireCodec.mapper().treeToValue(line, Object.class)));
        return lines;
    }
}
