package io.loyaltybatch.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer's points at one moment.
 *
 * @param available   points that can be spent now
 * @param pending     points earned but still inside their return window
 * @param totalEarned all points ever earned (pending included)
 */
public record Balance(long available, long pending, long totalEarned) {

    public static final Balance EMPTY = new Balance(0, 0, 0);

    public long total() {
        return Math.addExact(available, pending);
    }

    /** The balance-inquiry payload of the contract, in its field order. */
    public Map<String, Object> payload(ProgramSettings program) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("totalPointsBalance", total());
        payload.put("availablePointsBalance", available);
        payload.put("pendingPoints", pending);
        payload.put("totalPointsValue", program.valueOf(total()));
        payload.put("availablePointsValue", program.valueOf(available));
        payload.put("pendingPointsValue", program.valueOf(pending));
        payload.put("totalEarnedPoints", totalEarned);
        payload.put("currency", program.currency());
        payload.put("pointsName", program.pointsName());
        return payload;
    }
}
