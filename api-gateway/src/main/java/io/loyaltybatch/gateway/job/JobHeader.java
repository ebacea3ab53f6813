package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.JobStatus;

/**
 * A job's header without its results.
 *
 * @param positions where its items landed on the items topic, or null when they were never published
 */
public record JobHeader(long jobId, String tenantId, JobStatus status, ItemPositions positions) {}
