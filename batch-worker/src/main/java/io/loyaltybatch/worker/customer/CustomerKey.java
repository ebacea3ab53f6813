package io.loyaltybatch.worker.customer;

import io.loyaltybatch.model.ItemEnvelope;

/** A customer's identity: customer ids are unique within a tenant only. */
public record CustomerKey(String tenantId, String customerId) {

    public static CustomerKey of(ItemEnvelope item) {
        return new CustomerKey(item.tenantId(), item.customerId());
    }
}
