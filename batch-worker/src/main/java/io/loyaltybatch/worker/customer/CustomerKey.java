package io.loyaltybatch.worker.customer;

/** A customer's identity: customer ids are unique within a tenant only. */
public record CustomerKey(String tenantId, String customerId) {}
