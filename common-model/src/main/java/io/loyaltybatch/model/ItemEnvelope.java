package io.loyaltybatch.model;

import java.util.Objects;

/**
 * One item of a batch job on its way from the gateway to a worker: the value of a record on the items topic.
 *
 * <p>{@code payload} holds the item as validated and normalised by the gateway, as the record of its kind
 * ({@link ItemType#payloadType()}), so a worker never re-validates. The pair {@code (jobId, index)} identifies the item
 * for ever: workers record it with the item's effect, which makes a redelivered envelope re-report instead of
 * re-apply.
 *
 * @param version    envelope format version, {@link #CURRENT_VERSION} when written by this code
 * @param tenantId   the tenant that submitted the job
 * @param jobId      the job, unique across tenants
 * @param index      the item's position in the submitted {@code body}, 0-based
 * @param type       the kind of item
 * @param customerId the customer the item belongs to, trimmed
 * @param payload    the normalised item, of {@code type}'s payload record
 * @param program    the version of the tenant's program current when the job was accepted, under which every item of
 *                   the job is applied; 0 (an envelope written before programs had versions) is the current one
 */
public record ItemEnvelope(
        int version,
        String tenantId,
        long jobId,
        int index,
        ItemType type,
        String customerId,
        ItemPayload payload,
        int program)
        implements ItemRef {

    public static final int CURRENT_VERSION = 1;

    public ItemEnvelope {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(payload, "payload");
        if (program < 0) {
            throw new IllegalArgumentException("program version " + program);
        }
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException("a " + type.pathName() + " item carries a "
                    + type.payloadType().getSimpleName() + ", not a "
                    + payload.getClass().getSimpleName());
        }
    }

    /** An envelope of the tenant's current program. */
    public static ItemEnvelope of(
            String tenantId, long jobId, int index, ItemType type, String customerId, ItemPayload payload) {
        return of(tenantId, jobId, index, type, customerId, payload, 0);
    }

    public static ItemEnvelope of(
            String tenantId,
            long jobId,
            int index,
            ItemType type,
            String customerId,
            ItemPayload payload,
            int program) {
        return new ItemEnvelope(CURRENT_VERSION, tenantId, jobId, index, type, customerId, payload, program);
    }

    /**
     * The record key: tenant and customer, so all items of one customer land on one partition and are applied in
     * submission order. The separator cannot occur in a tenant id.
     */
    public String partitionKey() {
        return tenantId + "/" + customerId;
    }
}
