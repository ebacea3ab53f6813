package io.loyaltybatch.worker.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.CustomerProfile;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.worker.Items;
import io.loyaltybatch.worker.item.Item;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomerUpsertHandlerTest {

    static final class InMemoryCustomers implements CustomerStore {
        final Set<CustomerKey> rows = new HashSet<>();
        final List<ProfilePatch> patches = new ArrayList<>();

        @Override
        public Set<CustomerKey> existing(Collection<CustomerKey> customers) {
            Set<CustomerKey> found = new HashSet<>(customers);
            found.retainAll(rows);
            return found;
        }

        @Override
        public void upsert(List<ProfilePatch> patches) {
            this.patches.addAll(patches);
            patches.forEach(p -> rows.add(p.customer()));
        }
    }

    private final InMemoryCustomers customers = new InMemoryCustomers();
    private final CustomerUpsertHandler handler = new CustomerUpsertHandler(customers);

    private static Item<CustomerProfile> item(String tenant, int index, String customerId) {
        return new Item<>(tenant, 9L, index, customerId, Items.profile(Map.of("email", customerId + "@example.com")));
    }

    @Test
    void reportsCreatedThenUpdatedForTheSameCustomerInOneSegment() {
        List<ItemResult> results = handler.apply(List.of(item("acme", 0, "c1"), item("acme", 1, "c1")));

        assertThat(results)
                .extracting(ItemResult::message)
                .containsExactly("Customer created successfully", "Customer updated successfully");
        assertThat(customers.patches).hasSize(2);
    }

    @Test
    void existingCustomerIsUpdated() {
        customers.rows.add(new CustomerKey("acme", "c1"));

        assertThat(handler.apply(List.of(item("acme", 0, "c1"))))
                .extracting(ItemResult::message)
                .containsExactly("Customer updated successfully");
    }

    @Test
    void sameCustomerIdOfAnotherTenantIsAnotherCustomer() {
        customers.rows.add(new CustomerKey("globex", "c1"));

        assertThat(handler.apply(List.of(item("acme", 0, "c1"))))
                .extracting(ItemResult::message)
                .containsExactly("Customer created successfully");
    }
}
