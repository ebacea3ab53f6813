package io.loyaltybatch.gateway.customer;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.item.ItemBounds;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.SafeText;
import io.loyaltybatch.support.program.Programs;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads a tenant's own customers: the stored profile and the balance; another tenant's customer is unknown. */
@Service
public class CustomerReading {

    private final CustomerQueries customers;
    private final Programs programs;
    private final Clock clock;

    CustomerReading(CustomerQueries customers, Programs programs, Clock clock) {
        this.customers = customers;
        this.programs = programs;
        this.clock = clock;
    }

    /** {@code customerId}, {@code guest}, {@code customerAttributes} (every other stored field), timestamps. */
    public Map<String, Object> profile(Tenant tenant, String customerId) {
        CustomerQueries.StoredCustomer customer =
                customers.find(tenant.id(), storable(customerId)).orElseThrow(CustomerReading::notFound);
        ObjectNode attributes = ((ObjectNode) customer.profile()).deepCopy();
        JsonNode guest = attributes.remove("guest");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("customerId", customer.customerId());
        view.put("guest", guest != null && guest.asBoolean());
        view.put("customerAttributes", attributes);
        view.put(
                "createdAt",
                customer.createdAt().truncatedTo(ChronoUnit.SECONDS).toString());
        view.put(
                "updatedAt",
                customer.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        return view;
    }

    /** The balance-inquiry payload of the contract, preceded by {@code customerId}. */
    public Map<String, Object> balance(Tenant tenant, String customerId) {
        String id = storable(customerId);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("customerId", id);
        view.putAll(customers
                .balance(tenant.id(), id, clock.instant())
                .orElseThrow(CustomerReading::notFound)
                .payload(programs.current(tenant.id()).settings()));
        return view;
    }

    /**
     * The id trimmed, as items store it; an id no item could have (empty, too long, text no store holds) cannot name a
     * customer and is answered as unknown, without asking the database.
     */
    private static String storable(String customerId) {
        String id = customerId.trim();
        if (id.isEmpty() || id.length() > ItemBounds.MAX_ID_CHARS || SafeText.problem(id) != null) {
            throw notFound();
        }
        return id;
    }

    private static ApiException notFound() {
        return new ApiException(HttpStatus.NOT_FOUND, ErrorCode.CUSTOMER_NOT_FOUND, "Customer Not Found");
    }
}
