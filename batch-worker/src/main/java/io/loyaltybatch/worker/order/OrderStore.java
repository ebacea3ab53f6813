package io.loyaltybatch.worker.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Tracked orders; an order id is unique per tenant. Runs inside the caller's transaction, one round trip a call. */
public interface OrderStore {

    record OrderKey(String tenantId, String orderId) {}

    record TrackedOrder(
            OrderKey key,
            String customerId,
            Instant orderDate,
            BigDecimal totalPaid,
            String detailsJson,
            long rewardedPoints,
            long ledgerId,
            long jobId,
            int itemIndex) {}

    Set<OrderKey> existing(Collection<OrderKey> orders);

    /** @throws org.springframework.dao.DuplicateKeyException if an order id was taken meanwhile */
    void insert(List<TrackedOrder> orders);
}
