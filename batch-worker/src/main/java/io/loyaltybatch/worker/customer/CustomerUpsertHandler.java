package io.loyaltybatch.worker.customer;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.worker.ledger.ItemHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code customers} items: create or update a profile; two round trips for the whole segment. */
@Component
class CustomerUpsertHandler implements ItemHandler {

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
    public List<ItemResult> apply(List<ItemEnvelope> items) {
        Set<CustomerKey> known = new HashSet<>(customers.existing(
                items.stream().map(CustomerUpsertHandler::key).distinct().toList()));
        List<ItemResult> results = new ArrayList<>(items.size());
        List<CustomerStore.ProfilePatch> patches = new ArrayList<>(items.size());
        for (ItemEnvelope item : items) {
            boolean created = known.add(key(item));
            results.add(ItemResult.success(item.index(), item.customerId(), created ? CREATED : UPDATED));
            patches.add(
                    new CustomerStore.ProfilePatch(key(item), WireCodec.mapper().writeValueAsString(item.item())));
        }
        customers.upsert(patches);
        return results;
    }

    private static CustomerKey key(ItemEnvelope item) {
        return new CustomerKey(item.tenantId(), item.customerId());
    }
}
