package io.loyaltybatch.worker.event;

import java.util.List;

/** Recorded customer events. Runs inside the caller's transaction, one round trip a call. */
public interface EventStore {

    record CustomerEvent(
            String tenantId, String customerId, String name, String metadataJson, long jobId, int itemIndex) {}

    void insert(List<CustomerEvent> events);
}
