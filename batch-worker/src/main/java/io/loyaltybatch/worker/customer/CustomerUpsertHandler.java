package io.loyaltybatch.worker.customer;

import io.loyaltybatch.model.CustomerProfile;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.worker.item.Item;
import io.loyaltybatch.worker.item.ItemHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code customers} items: create or update a profile; two round trips for the whole segment. */
@Component
class CustomerUpsertHandler implements ItemHandler<CustomerProfile> {

    static final String CREATED = "Customer created successfully";
    static final String UPDATED = "Customer updated successfully";

    private final CustomerStore customers;

    CustomerUpsertHandler(CustomerStore customers) {
        this.customers = customers;
    }

    @Override
    public ItemType type() {
        return ItemType.CUSTOMERS;
    }

    @Override
    public List<ItemResult> apply(List<Item<CustomerProfile>> items) {
        Set<CustomerKey> known = new HashSet<>(customers.existing(
                items.stream().map(CustomerKey::of).distinct().toList()));
        List<ItemResult> results = new ArrayList<>(items.size());
        List<CustomerStore.ProfilePatch> patches = new ArrayList<>(items.size());
        for (Item<CustomerProfile> item : items) {
            boolean created = known.add(CustomerKey.of(item));
            results.add(ItemResult.success(item.index(), item.customerId(), created ? CREATED : UPDATED));
            patches.add(new CustomerStore.ProfilePatch(
                    CustomerKey.of(item), WireCodec.mapper().writeValueAsString(item.payload())));
        }
        customers.upsert(patches);
        return results;
    }
}
