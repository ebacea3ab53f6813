package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPayload;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.stereotype.Component;

/**
 * Hands items that have never been applied to the handler of their kind. Consecutive items of one kind go to their
 * handler together, which keeps each customer's order: a customer's later item sees its earlier items' effects.
 */
@Component
public class ItemDispatch {

    private final Map<ItemType, ItemHandler<?>> handlers;

    /**
     * @throws IllegalStateException unless every {@link ItemType} has exactly one handler, taking its payload record
     */
    public ItemDispatch(List<ItemHandler<?>> handlers) {
        for (ItemHandler<?> handler : handlers) {
            Class<?> payload = ResolvableType.forClass(handler.getClass())
                    .as(ItemHandler.class)
                    .getGeneric(0)
                    .resolve();
            if (payload != null && !payload.isAssignableFrom(handler.type().payloadType())) {
                throw new IllegalStateException(
                        "the handler of item type " + handler.type() + " takes " + payload.getSimpleName() + ", not "
                                + handler.type().payloadType().getSimpleName());
            }
        }
        this.handlers = ItemType.oneEach(handlers, ItemHandler::type, "handler");
    }

    /** @return one result per item, in the order given */
    public List<ItemResult> apply(List<ItemEnvelope> items) {
        List<ItemResult> results = new ArrayList<>(items.size());
        int start = 0;
        while (start < items.size()) {
            ItemType type = items.get(start).type();
            int end = start;
            while (end < items.size() && items.get(end).type() == type) {
                end++;
            }
            results.addAll(applySegment(handlers.get(type), items.subList(start, end)));
            start = end;
        }
        return results;
    }

    private static <P extends ItemPayload> List<ItemResult> applySegment(
            ItemHandler<P> handler, List<ItemEnvelope> segment) {
        List<Item<P>> items = segment.stream().<Item<P>>map(Item::of).toList();
        List<ItemResult> results = handler.apply(items);
        if (results.size() != items.size()) {
            throw new IllegalStateException("the handler of item type " + handler.type() + " returned " + results.size()
                    + " result(s) for " + items.size() + " item(s)");
        }
        return results;
    }
}
