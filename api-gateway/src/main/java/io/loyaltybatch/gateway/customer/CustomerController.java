package io.loyaltybatch.gateway.customer;

import io.loyaltybatch.gateway.api.IntegrationsApi;
import io.loyaltybatch.gateway.tenant.Tenant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/** Synchronous reads of a tenant's customers, under every contract prefix. */
@IntegrationsApi
@RequestMapping(value = "/customers", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerController {

    private final CustomerReading reading;

    CustomerController(CustomerReading reading) {
        this.reading = reading;
    }

    @GetMapping("/{customerId}")
    Map<String, Object> profile(Tenant tenant, @PathVariable String customerId) {
        return reading.profile(tenant, customerId);
    }

    @GetMapping("/{customerId}/balance")
    Map<String, Object> balance(Tenant tenant, @PathVariable String customerId) {
        return reading.balance(tenant, customerId);
    }
}
