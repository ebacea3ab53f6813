package io.loyaltybatch.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tenant's loyalty program: how points are earned, what they are worth and when they may be spent. Missing values
 * take the contract's defaults.
 *
 * <p>Each setting has a range, checked when the settings are read, so that no amount an item may carry can overflow the
 * arithmetic on it; what still could (an extreme program) fails as {@link ArithmeticException}, never wraps.
 *
 * @param currency            currency of money amounts, default {@code USD} (three capital letters, ISO 4217)
 * @param pointsName          what the program calls its points, default {@code Points} (1 to 40 characters)
 * @param earnPoints          points earned per {@code earnPerAmount} spent, default 1 (0 to 1,000,000)
 * @param earnPerAmount       money spent per {@code earnPoints}, default 1.00 (0.01 to 10^12)
 * @param redemptionFactor    money value of one point, default 0.01 (0.0001 to 10^6)
 * @param returnWindowDays    days earned points stay pending before they can be spent, default 0 (0 to 3650)
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
        if (earnPoints < 0
                || earnPoints > 1_000_000
                || earnPerAmount.compareTo(new BigDecimal("0.01")) < 0
                || earnPerAmount.compareTo(BigDecimal.TEN.pow(12)) > 0
                || redemptionFactor.compareTo(new BigDecimal("0.0001")) < 0
                || redemptionFactor.compareTo(BigDecimal.TEN.pow(6)) > 0
                || returnWindowDays < 0
                || returnWindowDays > 3650) {
            throw new IllegalArgumentException("earnPoints 0 to 1000000, earnPerAmount 0.01 to 10^12, redemptionFactor"
                    + " 0.0001 to 10^6 and returnWindowDays 0 to 3650 are required");
        }
        if (!currency.matches("[A-Z]{3}")
                || pointsName.isBlank()
                || pointsName.length() > 40
                || SafeText.problem(pointsName) != null) {
            throw new IllegalArgumentException(
                    "currency must be three capital letters, pointsName 1 to 40 characters of text");
        }
    }

    /**
     * Points earned on {@code amount} spent: {@code floor(amount / earnPerAmount) * earnPoints}.
     *
     * @throws ArithmeticException if the points do not fit a {@code long}
     */
    public long pointsEarnedOn(BigDecimal amount) {
        return Math.multiplyExact(
                amount.divide(earnPerAmount, 0, RoundingMode.FLOOR).longValueExact(), earnPoints);
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
