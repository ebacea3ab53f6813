package io.loyaltybatch.worker.order;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems.Order;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.worker.item.Item;
import io.loyaltybatch.worker.item.ItemHandler;
import io.loyaltybatch.worker.order.OrderStore.OrderKey;
import io.loyaltybatch.worker.order.OrderStore.TrackedOrder;
import io.loyaltybatch.worker.points.AccountBook;
import io.loyaltybatch.worker.points.AccountBooks;
import io.loyaltybatch.worker.points.ItemOutcomes;
import io.loyaltybatch.worker.points.PointsSegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code orders}: records the order and earns points on what was paid (pending inside the return window). */
@Component
class OrderHandler implements ItemHandler<Order> {

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
    public List<ItemResult> apply(List<Item<Order>> items) {
        PointsSegment<OrderKey> segment = PointsSegment.open(
                books,
                items,
                orders.existing(items.stream().map(OrderHandler::key).toList()),
                ItemOutcomes::duplicateOrder);
        List<TrackedOrder> tracked = new ArrayList<>();
        List<ItemResult> results = new ArrayList<>(items.size());
        for (Item<Order> item : items) {
            Order order = item.payload();
            Instant orderDate = Instant.parse(order.orderDate());
            PointsSegment.Move earned = segment.earn(
                    item,
                    key(item),
                    order.totalPaid(),
                    orderDate,
                    new AccountBook.Source("order", order.orderId(), item));
            if (earned.refused()) {
                results.add(earned.refusal());
                continue;
            }
            tracked.add(new TrackedOrder(
                    key(item),
                    item.customerId(),
                    orderDate,
                    order.totalPaid(),
                    WireCodec.mapper().writeValueAsString(order),
                    earned.points(),
                    earned.movement().id(),
                    item.jobId(),
                    item.index()));
            results.add(ItemOutcomes.success(
                    item, "Order tracked successfully", "orderId", order.orderId(), "rewardedPoints", earned.points()));
        }
        segment.flush();
        orders.insert(tracked);
        return results;
    }

    private static OrderKey key(Item<Order> item) {
        return new OrderKey(item.tenantId(), item.payload().orderId());
    }
}
