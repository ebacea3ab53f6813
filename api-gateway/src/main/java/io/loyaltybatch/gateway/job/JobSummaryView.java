package io.loyaltybatch.gateway.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A job in a listing: the status document's counters and times, without its results (contract section 4a). */
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
    "failureReason"
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
        String startedAt,
        String completedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason) {

    static JobSummaryView of(JobSnapshot job) {
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
                job.failureReason());
    }
}
