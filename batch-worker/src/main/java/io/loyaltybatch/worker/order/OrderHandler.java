package io.loyaltybatch.worker.order;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems.Order;
import io.loyaltybatch.model.ProgramSettings;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.worker.customer.CustomerKey;
import io.loyaltybatch.worker.ledger.ItemHandler;
import io.loyaltybatch.worker.order.OrderStore.OrderKey;
import io.loyaltybatch.worker.order.OrderStore.TrackedOrder;
import io.loyaltybatch.worker.points.AccountBook;
import io.loyaltybatch.worker.points.AccountBooks;
import io.loyaltybatch.worker.points.ItemOutcomes;
import io.loyaltybatch.worker.points.Movement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code orders}: records the order and earns points on what was paid (pending inside the return window). */
@Component
class OrderHandler implements ItemHandler {

    private final AccountBooks books;
    private final OrderStore orders;

    OrderHandler(AccountBooks books, OrderStore orders) {
        this.books = books;
        this.orders = orders;
    }

    @Override
    public ItemType type() {
        return ItemType.ORDERS;
    }

    @Override
    public List<ItemResult> apply(List<ItemEnvelope> items) {
        AccountBook book = books.open(items);
        Set<OrderKey> taken = new HashSet<>(
                orders.existing(items.stream().map(OrderHandler::orderKey).toList()));
        List<TrackedOrder> tracked = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>(items.size());
        for (ItemEnvelope item : items) {
            Order order = ItemOutcomes.body(item, Order.class);
            OrderKey key = orderKey(item);
            CustomerKey customer = CustomerKey.of(item);
            ProgramSettings program = books.program(item);
            if (taken.contains(key)) {
                results.add(ItemOutcomes.duplicateOrder(item));
                continue;
            }
            if (!book.exists(customer) && !program.autoCreateCustomers()) {
                results.add(ItemOutcomes.customerNotFound(item));
                continue;
            }
            taken.add(key);
            book.createIfMissing(customer);
            long points = program.pointsEarnedOn(order.totalPaid());
            Instant orderDate = Instant.parse(order.orderDate());
            Movement earned = book.earn(
                    customer,
                    points,
                    orderDate,
                    program.returnWindowDays(),
                    new AccountBook.Source("order", order.orderId(), item));
            tracked.add(new TrackedOrder(
                    key,
                    item.customerId(),
                    orderDate,
                    order.totalPaid(),
                    WireCodec.mapper().writeValueAsString(item.item()),
                    points,
                    earned.id(),
                    item.jobId(),
                    item.index()));
            results.add(ItemOutcomes.success(
                    item, "Order tracked successfully", "orderId", order.orderId(), "rewardedPoints", points));
        }
        book.flush();
        orders.insert(tracked);
        return results;
    }

    private static OrderKey orderKey(ItemEnvelope item) {
        return new OrderKey(item.tenantId(), item.item().path("orderId").asString());
    }
}
