package io.loyaltybatch.gateway.job;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.loyaltybatch.gateway.api.IntegrationsApi;
import io.loyaltybatch.gateway.tenant.Tenant;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;

/** The batch endpoints under every contract prefix. */
@IntegrationsApi
@RequestMapping(value = "/batch", produces = MediaType.APPLICATION_JSON_VALUE)
class BatchJobController {

    private final JobSubmission submission;
    private final JobStatusReading statusReading;
    private final JobStopping stopping;

    BatchJobController(JobSubmission submission, JobStatusReading statusReading, JobStopping stopping) {
        this.submission = submission;
        this.statusReading = statusReading;
        this.stopping = stopping;
    }

    /**
     * The body is read raw whatever the declared content type, so a JSON body sent as a form post (curl's default)
     * is still read as JSON.
     */
    @PostMapping("/{type}")
    ResponseEntity<Map<String, Long>> create(
            Tenant tenant,
            @PathVariable String type,
            InputStream body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey)
            throws IOException {
        JobSubmission.Submitted submitted = submission.submit(tenant, type, body.readAllBytes(), idempotencyKey);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (submitted.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(Map.of("jobId", submitted.jobId()));
    }

    @GetMapping("/{jobId}")
    JobStatusView status(Tenant tenant, @PathVariable long jobId) {
        return statusReading.read(tenant, jobId);
    }

    @DeleteMapping("/{jobId}")
    StopResponse stop(Tenant tenant, @PathVariable long jobId) {
        stopping.stop(tenant, jobId);
        return new StopResponse(jobId, "stopped", "Job stopped successfully");
    }

    @JsonPropertyOrder({"jobId", "status", "message"})
    record StopResponse(long jobId, String status, String message) {}
}
