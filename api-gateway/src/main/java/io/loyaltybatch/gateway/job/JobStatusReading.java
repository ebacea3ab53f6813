package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.tenant.Tenant;
import org.springframework.stereotype.Service;

/** Reads a job's status for its own tenant; another tenant's job is as unknown as a missing one. */
@Service
public class JobStatusReading {

    private final JobStore jobs;

    JobStatusReading(JobStore jobs) {
        this.jobs = jobs;
    }

    public JobStatusView read(Tenant tenant, long jobId) {
        return jobs.find(tenant.id(), jobId).map(JobStatusView::of).orElseThrow(() -> jobNotFound(jobId));
    }

    static ApiException jobNotFound(long jobId) {
        return ApiException.notFound("Job " + jobId + " not found");
    }
}
