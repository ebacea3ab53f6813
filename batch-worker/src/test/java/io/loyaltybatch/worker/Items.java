package io.loyaltybatch.worker;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.WireCodec;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ObjectNode;

/** Builds normalised items of one job, as the gateway would publish them, with consecutive indexes. */
public final class Items {

    private final String tenantId;
    private final long jobId;
    private final AtomicInteger index = new AtomicInteger();

    public Items(String tenantId, long jobId) {
        this.tenantId = tenantId;
        this.jobId = jobId;
    }

    public static Items forNewJob(String tenantId) {
        return new Items(tenantId, WorkerFixture.newJobId());
    }

    public long jobId() {
        return jobId;
    }

    private ItemEnvelope item(ItemType type, String customerId, ObjectNode body) {
        return ItemEnvelope.of(tenantId, jobId, index.getAndIncrement(), type, customerId, body);
    }

    private static ObjectNode body() {
        return WireCodec.mapper().createObjectNode();
    }

    public ItemEnvelope customer(String customerId) {
        return item(ItemType.CUSTOMERS, customerId, body().put("email", customerId + "@example.com"));
    }

    public ItemEnvelope order(String customerId, String orderId, String totalPaid) {
        return orderAt(customerId, orderId, totalPaid, java.time.Instant.parse("2026-11-01T10:00:00Z"));
    }

    public ItemEnvelope orderAt(String customerId, String orderId, String totalPaid, java.time.Instant orderDate) {
        return item(
                ItemType.ORDERS,
                customerId,
                body().put("orderId", orderId)
                        .put("orderDate", orderDate.toString())
                        .put("totalPaid", new java.math.BigDecimal(totalPaid)));
    }

    public ItemEnvelope cashback(String customerId, String transactionId, String amount) {
        return item(
                ItemType.CASHBACK,
                customerId,
                body().put("transactionId", transactionId)
                        .put("transactionTime", "2026-11-01T10:00:00Z")
                        .put("amount", new java.math.BigDecimal(amount)));
    }

    public ItemEnvelope redeemPoints(String customerId, String transactionId, long points) {
        return item(
                ItemType.REDEEM,
                customerId,
                body().put("transactionId", transactionId)
                        .put("transactionTime", "2026-11-01T10:00:00Z")
                        .put("points", points));
    }

    public ItemEnvelope redeemAmount(String customerId, String transactionId, String amount) {
        return item(
                ItemType.REDEEM,
                customerId,
                body().put("transactionId", transactionId)
                        .put("transactionTime", "2026-11-01T10:00:00Z")
                        .put("amount", new java.math.BigDecimal(amount)));
    }

    public ItemEnvelope adjust(String customerId, long amount) {
        return item(
                ItemType.BALANCE_ADJUSTMENT,
                customerId,
                body().put("amount", amount).put("reason", "test"));
    }

    public ItemEnvelope inquiry(String customerId) {
        return item(ItemType.BALANCE_INQUIRY, customerId, body());
    }

    public ItemEnvelope events(String customerId, String... names) {
        ObjectNode events = body();
        for (String name : names) {
            events.set(name, body().put("source", "test"));
        }
        ObjectNode item = body();
        item.set("events", events);
        return item(ItemType.EVENTS, customerId, item);
    }
}
