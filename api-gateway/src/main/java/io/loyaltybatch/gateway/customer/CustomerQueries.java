package io.loyaltybatch.gateway.customer;

import io.loyaltybatch.model.Balance;
import io.loyaltybatch.support.EngineUnavailableException;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Read-only views of the ledger. Throws {@link EngineUnavailableException} when the database cannot be reached.
 */
public interface CustomerQueries {

    /** A stored profile: the fields ever sent for the customer, merged. */
    record StoredCustomer(String customerId, JsonNode profile, Instant createdAt, Instant updatedAt) {}

    Optional<StoredCustomer> find(String tenantId, String customerId);

    /** The balance as of {@code now}: pending points whose return window has passed count as available. */
    Optional<Balance> balance(String tenantId, String customerId, Instant now);
}
