package io.loyaltybatch.gateway.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.loyaltybatch.model.ItemResult;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The job status document of the contract (section 4). */
@JsonPropertyOrder({
    "operation",
    "errorCount",
    "totalCount",
    "finishedCount",
    "startedAt",
    "createdAt",
    "status",
    "response",
    "jobId",
    "itemCount",
    "cancelledCount",
    "completedAt",
    "failureReason",
    "parentJobId",
    "retryJobIds",
    "itemsPerSecond",
    "etaSeconds"
})
public record JobStatusView(
        String operation,
        int errorCount,
        int totalCount,
        int finishedCount,
        @Schema(types = {"string", "null"}) String startedAt,
        String createdAt,
        String status,
        @Schema(types = {"object", "null"}) Response response,
        long jobId,
        int itemCount,
        int cancelledCount,
        @Schema(types = {"string", "null"}) String completedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long parentJobId,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Long> retryJobIds,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double itemsPerSecond,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double etaSeconds) {

    /**
     * How an unfinished job moves: its own items with a result per second since it started (null while queued), and
     * the seconds until its last item is done (null when that cannot be told).
     */
    public record Pace(Double itemsPerSecond, Double etaSeconds) {
        public static final Pace NONE = new Pace(null, null);
    }

    /** Successful and failed entries, each sorted by index. */
    public record Response(List<Map<String, Object>> successful, List<Map<String, Object>> failed) {}

    public static JobStatusView of(JobSnapshot job) {
        return of(job, Pace.NONE);
    }

    public static JobStatusView of(JobSnapshot job, Pace pace) {
        return new JobStatusView(
                job.type().operation(),
                job.errors(),
                job.finished() + job.errors(),
                job.finished(),
                job.startedAt(),
                job.createdAt(),
                job.status().wireName(),
                response(job.results()),
                job.jobId(),
                job.itemCount(),
                job.cancelled(),
                job.completedAt(),
                job.failureReason(),
                job.links().parentJobId(),
                job.links().retryJobId() == null ? null : List.of(job.links().retryJobId()),
                pace.itemsPerSecond(),
                pace.etaSeconds());
    }

    private static Response response(List<ItemResult> results) {
        if (results.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> successful = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        results.stream().sorted(Comparator.comparingInt(ItemResult::index)).forEach(result -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("customerId", result.customerId());
            if (result.successful()) {
                entry.put("message", result.message());
                entry.putAll(result.payload());
                entry.put("index", result.index());
                successful.add(entry);
            } else {
                entry.put("error", result.message());
                entry.put("code", result.code().code());
                entry.put("index", result.index());
                failed.add(entry);
            }
        });
        return new Response(successful, failed);
    }
}
