package io.loyaltybatch.gateway.webhook;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.api.IntegrationsApi;
import io.loyaltybatch.gateway.tenant.Tenant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/** The delivery log of a job's end notice, for its own tenant (contract section 5b). */
@IntegrationsApi
@RequestMapping(value = "/batch", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookController {

    private final EndNotices notices;

    WebhookController(EndNotices notices) {
        this.notices = notices;
    }

    record Deliveries(long jobId, List<EndNotices.Delivery> deliveries) {}

    @GetMapping("/{jobId}/deliveries")
    Deliveries deliveries(Tenant tenant, @PathVariable long jobId) {
        return new Deliveries(
                jobId,
                notices.deliveries(tenant.id(), jobId)
                        .orElseThrow(() -> ApiException.notFound("Job " + jobId + " not found")));
    }
}
