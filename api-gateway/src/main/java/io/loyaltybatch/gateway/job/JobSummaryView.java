package io.loyaltybatch.gateway.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/** A job in a listing: the status document's counters and times, without its results, and its pace while it runs (contract section 4a). */
@JsonPropertyOrder({
    "jobId",
    "operation",
    "type",
    "status",
    "itemCount",
    "totalCount",
    "finishedCount",
    "errorCount",
    "cancelledCount",
    "createdAt",
    "startedAt",
    "completedAt",
    "failureReason",
    "itemsPerSecond",
    "etaSeconds"
})
public record JobSummaryView(
        long jobId,
        String operation,
        String type,
        String status,
        int itemCount,
        int totalCount,
        int finishedCount,
        int errorCount,
        int cancelledCount,
        String createdAt,
        @Schema(types = {"string", "null"}) String startedAt,
        @Schema(types = {"string", "null"}) String completedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double itemsPerSecond,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double etaSeconds) {

    static JobSummaryView of(JobSnapshot job, JobStatusView.Pace pace) {
        return new JobSummaryView(
                job.jobId(),
                job.type().operation(),
                job.type().pathName(),
                job.status().wireName(),
                job.itemCount(),
                job.finished() + job.errors(),
                job.finished(),
                job.errors(),
                job.cancelled(),
                job.createdAt(),
                job.startedAt(),
                job.completedAt(),
                job.failureReason(),
                pace.itemsPerSecond(),
                pace.etaSeconds());
    }
}
