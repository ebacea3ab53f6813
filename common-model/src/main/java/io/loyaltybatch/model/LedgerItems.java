package io.loyaltybatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The normalised forms of the ledger item kinds, as the gateway validates them and the workers apply them.
 * Money is a {@link BigDecimal} with at most two fraction digits; times are ISO-8601 instants.
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
            List<Object> lineItems) {}

    /** {@code balance-adjustment}: adds ({@code amount > 0}) or deducts points by hand. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BalanceAdjustment(long amount, String reason) {}

    /** {@code cashback}: earns points on {@code amount} as an order does. */
    public record Cashback(String transactionId, String transactionTime, BigDecimal amount) {}

    /** {@code redeem}: spends {@code points}, or the points worth {@code amount}; exactly one is set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Redeem(String transactionId, String transactionTime, Long points, BigDecimal amount) {}

    /** {@code events}: event name -> metadata. */
    public record Events(Map<String, Map<String, Object>> events) {}
}
