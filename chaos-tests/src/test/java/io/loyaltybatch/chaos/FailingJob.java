package io.loyaltybatch.chaos;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.WireCodec;

/**
 * A job of 1,000 orders, one of which a faulty producer wrote with an order date that is not a date: readable, but
 * its processing throws every time.
 */
record FailingJob(long jobId, TopicWriter.Written badRecord) {

    static FailingJob write(JobWriter jobs, TopicWriter topic, Workload workload, int badIndex) {
        long jobId = (System.currentTimeMillis() / 1000) << 20;
        jobs.create(jobId, "demo", ItemType.ORDERS, Workload.ITEMS);
        TopicWriter.Written bad = null;
        for (int i = 0; i < Workload.ITEMS; i++) {
            String customer = workload.customer(i);
            var order = WireCodec.mapper()
                    .createObjectNode()
                    .put("orderId", "failing-" + jobId + "-" + i)
                    .put("orderDate", i == badIndex ? "not a date" : "2026-11-01T10:00:00Z")
                    .put("totalPaid", new java.math.BigDecimal("1.00"));
            ItemEnvelope envelope = ItemEnvelope.of("demo", jobId, i, ItemType.ORDERS, customer, order);
            TopicWriter.Written written =
                    topic.write(ChaosSystem.ITEMS_TOPIC, envelope.partitionKey(), WireCodec.encode(envelope));
            if (i == badIndex) {
                bad = written;
            } else {
                workload.expectEarned(customer, 1);
            }
        }
        return new FailingJob(jobId, bad);
    }
}
