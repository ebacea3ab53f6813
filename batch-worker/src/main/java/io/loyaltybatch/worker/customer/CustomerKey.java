package io.loyaltybatch.worker.customer;

import io.loyaltybatch.model.ItemRef;

/** A customer's identity: customer ids are unique within a tenant only. */
public record CustomerKey(String tenantId, String customerId) {

    public static CustomerKey of(ItemRef item) {
        return new CustomerKey(item.tenantId(), item.customerId());
    }
}
