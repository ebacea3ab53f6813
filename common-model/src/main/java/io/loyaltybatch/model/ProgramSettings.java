package io.loyaltybatch.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tenant's loyalty program: how points are earned, what they are worth and when they may be spent. Missing values
 * take the contract's defaults.
 *
 * @param currency            currency of money amounts, default {@code USD}
 * @param pointsName          what the program calls its points, default {@code Points}
 * @param earnPoints          points earned per {@code earnPerAmount} spent, default 1
 * @param earnPerAmount       money spent per {@code earnPoints}, default 1.00
 * @param redemptionFactor    money value of one point, default 0.01
 * @param returnWindowDays    days earned points stay pending before they can be spent, default 0
 * @param autoCreateCustomers whether orders, cashback and events create a missing customer, default true
 */
public record ProgramSettings(
        String currency,
        String pointsName,
        Long earnPoints,
        BigDecimal earnPerAmount,
        BigDecimal redemptionFactor,
        Integer returnWindowDays,
        Boolean autoCreateCustomers) {

    public static final ProgramSettings DEFAULTS = new ProgramSettings(null, null, null, null, null, null, null);

    public ProgramSettings {
        currency = currency == null ? "USD" : currency;
        pointsName = pointsName == null ? "Points" : pointsName;
        earnPoints = earnPoints == null ? 1L : earnPoints;
        earnPerAmount = earnPerAmount == null ? BigDecimal.ONE : earnPerAmount;
        redemptionFactor = redemptionFactor == null ? new BigDecimal("0.01") : redemptionFactor;
        returnWindowDays = returnWindowDays == null ? 0 : returnWindowDays;
        autoCreateCustomers = autoCreateCustomers == null ? Boolean.TRUE : autoCreateCustomers;
        if (earnPoints < 0 || earnPerAmount.signum() <= 0 || redemptionFactor.signum() <= 0 || returnWindowDays < 0) {
            throw new IllegalArgumentException("earnPoints >= 0, earnPerAmount > 0, redemptionFactor > 0 and "
                    + "returnWindowDays >= 0 are required");
        }
    }

    /** Points earned on {@code amount} spent: {@code floor(amount / earnPerAmount) * earnPoints}. */
    public long pointsEarnedOn(BigDecimal amount) {
        return amount.divide(earnPerAmount, 0, RoundingMode.FLOOR).longValueExact() * earnPoints;
    }

    /** Points needed to redeem {@code amount} of money, rounded up to whole points. */
    public long pointsToRedeem(BigDecimal amount) {
        return amount.divide(redemptionFactor, 0, RoundingMode.CEILING).longValueExact();
    }

    /** Money value of {@code points}, to the cent. */
    public BigDecimal valueOf(long points) {
        return redemptionFactor.multiply(BigDecimal.valueOf(points)).setScale(2, RoundingMode.HALF_EVEN);
    }
}
