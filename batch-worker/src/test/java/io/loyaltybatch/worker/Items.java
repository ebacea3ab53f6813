package io.loyaltybatch.worker;

import io.loyaltybatch.model.CustomerProfile;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPayload;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import io.loyaltybatch.model.WireCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds normalised items of one job, as the gateway would publish them, with consecutive indexes. */
public final class Items {

    private static final String TRANSACTION_TIME = "2026-11-01T10:00:00Z";

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

    /** The next item of this job, of the kind {@code payload} belongs to. */
    public ItemEnvelope item(ItemType type, String customerId, ItemPayload payload) {
        return ItemEnvelope.of(tenantId, jobId, index.getAndIncrement(), type, customerId, payload);
    }

    public ItemEnvelope customer(String customerId) {
        return item(ItemType.CUSTOMERS, customerId, profile(Map.of("email", customerId + "@example.com")));
    }

    /** A normalised profile with these fields (wire names) set and every other left out. */
    public static CustomerProfile profile(Map<String, ?> fields) {
        return WireCodec.mapper().convertValue(fields, CustomerProfile.class);
    }

    public ItemEnvelope order(String customerId, String orderId, String totalPaid) {
        return orderAt(customerId, orderId, totalPaid, Instant.parse(TRANSACTION_TIME));
    }

    public ItemEnvelope orderAt(String customerId, String orderId, String totalPaid, Instant orderDate) {
        return item(ItemType.ORDERS, customerId, orderPayload(orderId, orderDate.toString(), totalPaid));
    }

    public static LedgerItems.Order orderPayload(String orderId, String orderDate, String totalPaid) {
        return new LedgerItems.Order(orderId, orderDate, new BigDecimal(totalPaid), null, null, null, null, null);
    }

    public ItemEnvelope cashback(String customerId, String transactionId, String amount) {
        return item(
                ItemType.CASHBACK,
                customerId,
                new LedgerItems.Cashback(transactionId, TRANSACTION_TIME, new BigDecimal(amount)));
    }

    public ItemEnvelope redeemPoints(String customerId, String transactionId, long points) {
        return item(ItemType.REDEEM, customerId, new LedgerItems.Redeem(transactionId, TRANSACTION_TIME, points, null));
    }

    public ItemEnvelope redeemAmount(String customerId, String transactionId, String amount) {
        return item(
                ItemType.REDEEM,
                customerId,
                new LedgerItems.Redeem(transactionId, TRANSACTION_TIME, null, new BigDecimal(amount)));
    }

    public ItemEnvelope adjust(String customerId, long amount) {
        return item(ItemType.BALANCE_ADJUSTMENT, customerId, new LedgerItems.BalanceAdjustment(amount, "test"));
    }

    public ItemEnvelope inquiry(String customerId) {
        return item(ItemType.BALANCE_INQUIRY, customerId, new LedgerItems.BalanceInquiry());
    }

    public ItemEnvelope events(String customerId, String... names) {
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        Arrays.stream(names).forEach(name -> events.put(name, Map.of("source", "test")));
        return item(ItemType.EVENTS, customerId, new LedgerItems.Events(events));
    }
}
