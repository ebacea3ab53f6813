package io.loyaltybatch.worker.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import io.loyaltybatch.worker.Items;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker takes no item unless every item kind has exactly one handler, taking the kind's payload record. */
class ItemDispatchTest {

    private static List<ItemHandler<?>> complete() {
        return new ItemProcessingTest.RecordingHandlers().all();
    }

    /** A handler of orders that claims to handle another kind. */
    static final class OrdersHandler implements ItemHandler<LedgerItems.Order> {
        private final ItemType type;

        OrdersHandler(ItemType type) {
            this.type = type;
        }

        @Override
        public ItemType type() {
            return type;
        }

        @Override
        public List<ItemResult> apply(List<Item<LedgerItems.Order>> items) {
            return items.stream()
                    .map(i -> ItemResult.success(
                            i.index(), i.customerId(), i.payload().orderId()))
                    .toList();
        }
    }

    @Test
    void aKindWithoutAHandlerStopsTheWorkerFromStarting() {
        for (ItemType type : ItemType.values()) {
            List<ItemHandler<?>> withoutOne = new ArrayList<>(complete());
            withoutOne.removeIf(handler -> handler.type() == type);

            assertThatThrownBy(() -> new ItemDispatch(withoutOne))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no handler for item type(s) [" + type + "]");
        }
    }

    @Test
    void twoHandlersForOneKindStopTheWorkerFromStarting() {
        List<ItemHandler<?>> doubled = new ArrayList<>(complete());
        doubled.add(new OrdersHandler(ItemType.ORDERS));

        assertThatThrownBy(() -> new ItemDispatch(doubled))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two handlers for item type ORDERS");
    }

    @Test
    void aHandlerTakingAnotherKindsPayloadStopsTheWorkerFromStarting() {
        List<ItemHandler<?>> mismatched = new ArrayList<>(complete());
        mismatched.removeIf(handler -> handler.type() == ItemType.CASHBACK);
        mismatched.add(new OrdersHandler(ItemType.CASHBACK));

        assertThatThrownBy(() -> new ItemDispatch(mismatched))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the handler of item type CASHBACK takes Order, not Cashback");
    }

    @Test
    void aHandlerIsGivenTypedPayloads() {
        List<ItemHandler<?>> handlers = new ArrayList<>(complete());
        handlers.removeIf(handler -> handler.type() == ItemType.ORDERS);
        handlers.add(new OrdersHandler(ItemType.ORDERS));
        Items items = Items.forNewJob("acme");

        List<ItemResult> results = new ItemDispatch(handlers)
                .apply(List.of(items.order("c", "o-1", "1"), items.customer("c"), items.order("c", "o-2", "2")));

        assertThat(results).extracting(ItemResult::message).containsExactly("o-1", "customers", "o-2");
    }
}
