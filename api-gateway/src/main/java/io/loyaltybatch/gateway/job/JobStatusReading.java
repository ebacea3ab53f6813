package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.tenant.Tenant;
import org.springframework.stereotype.Service;

/** Reads a job's status for its own tenant; another tenant's job is as unknown as a missing one. */
@Service
public class JobStatusReading {

    private final JobStore jobs;
    private final JobPace pace;

    JobStatusReading(JobStore jobs, JobPace pace) {
        this.jobs = jobs;
        this.pace = pace;
    }

    public JobStatusView read(Tenant tenant, long jobId) {
        JobSnapshot job = jobs.find(tenant.id(), jobId).orElseThrow(() -> jobNotFound(jobId));
        return JobStatusView.of(job, pace.of(job));
    }

    static ApiException jobNotFound(long jobId) {
        return ApiException.notFound("Job " + jobId + " not found");
    }
}
