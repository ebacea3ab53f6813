package io.loyaltybatch.worker.item;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPayload;
import io.loyaltybatch.model.ItemRef;

/**
 * One item as a handler sees it: who it belongs to, its payload as the record of its kind, and the version of the
 * tenant's program it is applied under (0: the current one).
 */
public record Item<P extends ItemPayload>(
        String tenantId, long jobId, int index, String customerId, P payload, int program) implements ItemRef {

    /** An item of the tenant's current program. */
    public Item(String tenantId, long jobId, int index, String customerId, P payload) {
        this(tenantId, jobId, index, customerId, payload, 0);
    }

    /** The envelope's item; the caller knows its payload is a {@code P} (the envelope's type names the record). */
    @SuppressWarnings("unchecked")
    static <P extends ItemPayload> Item<P> of(ItemEnvelope envelope) {
        return new Item<>(
                envelope.tenantId(),
                envelope.jobId(),
                envelope.index(),
                envelope.customerId(),
                (P) envelope.payload(),
                envelope.program());
    }
}
