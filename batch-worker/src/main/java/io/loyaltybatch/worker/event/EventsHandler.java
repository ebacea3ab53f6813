package io.loyaltybatch.worker.event;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems.Events;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.worker.customer.CustomerKey;
import io.loyaltybatch.worker.item.Item;
import io.loyaltybatch.worker.item.ItemHandler;
import io.loyaltybatch.worker.points.AccountBook;
import io.loyaltybatch.worker.points.AccountBooks;
import io.loyaltybatch.worker.points.ItemOutcomes;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code events}: records each event of the item for its customer. */
@Component
class EventsHandler implements ItemHandler<Events> {

    private final AccountBooks books;
    private final EventStore events;

    EventsHandler(AccountBooks books, EventStore events) {
        this.books = books;
        this.events = events;
    }

    @Override
    public ItemType type() {
        return ItemType.EVENTS;
    }

    @Override
    public List<ItemResult> apply(List<Item<Events>> items) {
        AccountBook book = books.lockWithoutMovements(items);
        List<EventStore.CustomerEvent> recorded = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>(items.size());
        for (Item<Events> item : items) {
            CustomerKey customer = CustomerKey.of(item);
            if (!book.exists(customer) && !books.program(item).autoCreateCustomers()) {
                results.add(ItemOutcomes.customerNotFound(item));
                continue;
            }
            book.createIfMissing(customer);
            Events body = item.payload();
            body.events()
                    .forEach((name, metadata) -> recorded.add(new EventStore.CustomerEvent(
                            item.tenantId(),
                            item.customerId(),
                            name,
                            WireCodec.mapper().writeValueAsString(metadata),
                            item.jobId(),
                            item.index())));
            results.add(ItemOutcomes.success(
                    item,
                    "Events tracked successfully",
                    "eventCount",
                    body.events().size()));
        }
        book.flush();
        events.insert(recorded);
        return results;
    }
}
