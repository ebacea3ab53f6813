package io.loyaltybatch.model;

/** What identifies an item and its customer, whatever form the item is in. */
public interface ItemRef {

    String tenantId();

    long jobId();

    int index();

    String customerId();

    /** An item known only by these, as when its payload could not be read. */
    static ItemRef of(String tenantId, long jobId, int index, String customerId) {
        record Known(String tenantId, long jobId, int index, String customerId) implements ItemRef {}
        return new Known(tenantId, jobId, index, customerId);
    }
}
