package io.loyaltybatch.worker.customer;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Customer profiles. Runs inside the caller's transaction; one round trip per call. */
public interface CustomerStore {

    /** Which of these customers exist. */
    Set<CustomerKey> existing(Collection<CustomerKey> customers);

    /**
     * Creates or updates profiles, in the order given: a field present in the patch replaces the stored one, an
     * absent field keeps its stored value, and {@code custom} is merged key by key.
     */
    void upsert(List<ProfilePatch> patches);

    /** @param profileJson the normalised profile, only the fields the client sent */
    record ProfilePatch(CustomerKey customer, String profileJson) {}
}
