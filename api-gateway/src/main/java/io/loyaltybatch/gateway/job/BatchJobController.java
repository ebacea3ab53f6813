package io.loyaltybatch.gateway.job;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.loyaltybatch.gateway.api.IntegrationsApi;
import io.loyaltybatch.gateway.api.RequestTooLargeException;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The batch endpoints under every contract prefix. */
@IntegrationsApi
@RequestMapping(value = "/batch", produces = MediaType.APPLICATION_JSON_VALUE)
class BatchJobController {

    private final JobSubmission submission;
    private final JobStatusReading statusReading;
    private final JobStopping stopping;
    private final JobListing listing;
    private final JobResultsExport resultsExport;

    BatchJobController(
            JobSubmission submission,
            JobStatusReading statusReading,
            JobStopping stopping,
            JobListing listing,
            JobResultsExport resultsExport) {
        this.submission = submission;
        this.statusReading = statusReading;
        this.stopping = stopping;
        this.listing = listing;
        this.resultsExport = resultsExport;
    }

    /**
     * The body is read raw whatever the declared content type, so a JSON body sent as a form post (curl's default)
     * is still read as JSON.
     */
    /** The request of the contract (section 3), for the OpenAPI document: it is read raw. */
    record BatchRequest(
            @Schema(description = "1 to 1000 items of the path's type")
            List<Map<String, Object>> body) {}

    @PostMapping("/{type}")
    @Operation(
            summary = "Create a batch job",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = BatchRequest.class))))
    ResponseEntity<Map<String, Long>> create(
            Tenant tenant,
            @PathVariable String type,
            @Parameter(hidden = true) InputStream body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey)
            throws IOException {
        return answer(submission.submit(tenant, type, readBody(tenant, body), idempotencyKey));
    }

    /** The body, within the tenant's own byte limit if it has one (the server's limit holds for every tenant). */
    private static byte[] readBody(Tenant tenant, InputStream body) throws IOException {
        Long limit = tenant.limits().maxBodyBytes();
        if (limit == null) {
            return body.readAllBytes();
        }
        byte[] read = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (read.length > limit) {
            throw new RequestTooLargeException(limit);
        }
        return read;
    }

    private static ResponseEntity<Map<String, Long>> answer(JobSubmission.Submitted submitted) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (submitted.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.body(Map.of("jobId", submitted.jobId()));
    }

    /** The tenant's jobs, newest first; parameters are read as text so every bad value gets the contract's 3003. */
    @GetMapping
    JobListing.Page list(
            Tenant tenant,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        return listing.list(tenant, status, type, limit, cursor);
    }

    @GetMapping("/{jobId}")
    JobStatusView status(Tenant tenant, @PathVariable long jobId) {
        return statusReading.read(tenant, jobId);
    }

    /**
     * The job's results as a file, written as they are encoded; the format is chosen by {@code format}, whatever the
     * request accepts. Every check runs before the first byte is written, so a refusal is the contract's envelope.
     */
    @GetMapping(value = "/{jobId}/results", produces = MediaType.ALL_VALUE)
    @Operation(summary = "Export a job's results")
    @ApiResponse(
            responseCode = "200",
            description = "One line per item, sorted by index",
            content = {
                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
            })
    void results(
            Tenant tenant,
            @PathVariable long jobId,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String format,
            @Parameter(hidden = true) HttpServletResponse response)
            throws IOException {
        JobResultsExport.Export export = resultsExport.export(tenant, jobId, outcome, format);
        response.setContentType(export.format().mediaType().toString());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("job-" + jobId + "-results." + export.format().extension())
                        .build()
                        .toString());
        export.writeTo(response.getOutputStream());
    }

    /** A new job of the job's items that failed with 5000 (contract section 5a). */
    @PostMapping("/{jobId}/retry")
    ResponseEntity<Map<String, Long>> retry(Tenant tenant, @PathVariable long jobId) {
        return answer(submission.retry(tenant, jobId));
    }

    @DeleteMapping("/{jobId}")
    StopResponse stop(Tenant tenant, @PathVariable long jobId) {
        stopping.stop(tenant, jobId);
        return new StopResponse(jobId, "stopped", "Job stopped successfully");
    }

    @JsonPropertyOrder({"jobId", "status", "message"})
    record StopResponse(long jobId, String status, String message) {}
}
