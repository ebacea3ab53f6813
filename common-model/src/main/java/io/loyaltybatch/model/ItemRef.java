package io.loyaltybatch.model;

/** What identifies an item and its customer, whatever form the item is in. */
public interface ItemRef {

    String tenantId();

    long jobId();

    int index();

    String customerId();

    /** The version of the tenant's program the item is applied under; 0 is the tenant's current one. */
    default int program() {
        return 0;
    }

    /** An item known only by these, as when its payload could not be read. */
    static ItemRef of(String tenantId, long jobId, int index, String customerId) {
        record Known(String tenantId, long jobId, int index, String customerId) implements ItemRef {}
        return new Known(tenantId, jobId, index, customerId);
    }
}
