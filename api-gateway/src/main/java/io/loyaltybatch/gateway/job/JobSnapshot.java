package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;
import java.util.List;

/** A job as stored: header, counters and the results recorded so far (in no particular order). */
public record JobSnapshot(
        long jobId,
        String tenantId,
        ItemType type,
        JobStatus status,
        int itemCount,
        int finished,
        int errors,
        int cancelled,
        String createdAt,
        String startedAt,
        String completedAt,
        String failureReason,
        List<ItemResult> results) {}
