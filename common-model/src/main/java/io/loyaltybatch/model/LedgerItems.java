package io.loyaltybatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The payloads of the ledger item kinds, as the gateway validates them and the workers apply them. Money is a
 * {@link BigDecimal} with at most two fraction digits; times are ISO-8601 instants in their normalised text form
 * ({@code 2026-11-30T09:15:00Z}), as they travel.
 */
public final class LedgerItems {

    private LedgerItems() {}

    /** {@code orders}: earns points on {@code totalPaid}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Order(
            String orderId,
            String orderDate,
            BigDecimal totalPaid,
            BigDecimal totalPrice,
            BigDecimal totalDiscount,
            BigDecimal totalShipping,
            BigDecimal totalTax,
            List<Object> lineItems)
            implements ItemPayload {}

    /** {@code balance-inquiry}: only the customer, which the envelope names. */
    public record BalanceInquiry() implements ItemPayload {}

    /** {@code balance-adjustment}: adds ({@code amount > 0}) or deducts points by hand. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BalanceAdjustment(long amount, String reason) implements ItemPayload {}

    /** {@code cashback}: earns points on {@code amount} as an order does. */
    public record Cashback(String transactionId, String transactionTime, BigDecimal amount) implements ItemPayload {}

    /** {@code redeem}: spends {@code points}, or the points worth {@code amount}; exactly one is set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Redeem(String transactionId, String transactionTime, Long points, BigDecimal amount)
            implements ItemPayload {}

    /** {@code events}: event name -> metadata. */
    public record Events(Map<String, Map<String, Object>> events) implements ItemPayload {}
}
