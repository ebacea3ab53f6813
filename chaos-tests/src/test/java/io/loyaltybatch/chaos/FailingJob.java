package io.loyaltybatch.chaos;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import io.loyaltybatch.model.WireCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A job of 1,000 orders, one of which a faulty producer wrote with an order date that is not a date: readable, but
 * its processing throws every time.
 */
record FailingJob(long jobId, TopicWriter.Written badRecord) {

    static FailingJob write(JobWriter jobs, TopicWriter topic, Workload workload, int badIndex) {
        long jobId = (System.currentTimeMillis() / 1000) << 20;
        jobs.create(jobId, "demo", ItemType.ORDERS, Workload.ITEMS);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < Workload.ITEMS; i++) {
            String customer = workload.customer(i);
            var order = new LedgerItems.Order(
                    "failing-" + jobId + "-" + i,
                    i == badIndex ? "not a date" : "2026-11-01T10:00:00Z",
                    new java.math.BigDecimal("1.00"),
                    null,
                    null,
                    null,
                    null,
                    null);
            ItemEnvelope envelope = ItemEnvelope.of("demo", jobId, i, ItemType.ORDERS, customer, order);
            records.add(Map.entry(envelope.partitionKey(), WireCodec.encode(envelope)));
            if (i != badIndex) {
                workload.expectEarned(customer, 1);
            }
        }
        List<TopicWriter.Written> written = topic.writeInTransaction(
                ChaosSystem.ITEMS_TOPIC,
                records,
                landed -> jobs.recordPositions(jobId, ChaosSystem.ITEMS_TOPIC, landed));
        return new FailingJob(jobId, written.get(badIndex));
    }
}
