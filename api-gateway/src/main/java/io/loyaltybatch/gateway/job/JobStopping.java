package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.loyaltybatch.model.ErrorCode;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Stops a job: from the moment this returns, no further item of the job starts. */
@Service
public class JobStopping {

    private final JobStore jobs;
    private final Clock clock;

    JobStopping(JobStore jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** @throws ApiException 404 / 4004 for an unknown or foreign job, 409 / 4000 for a finished one */
    public void stop(Tenant tenant, long jobId) {
        switch (jobs.stop(tenant.id(), jobId, clock.instant())) {
            case STOPPED, ALREADY_STOPPED -> {}
            case FINISHED ->
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        ErrorCode.CONFLICT,
                        "Job " + jobId + " has already finished and cannot be stopped");
            case NOT_FOUND -> throw JobStatusReading.jobNotFound(jobId);
        }
    }
}
