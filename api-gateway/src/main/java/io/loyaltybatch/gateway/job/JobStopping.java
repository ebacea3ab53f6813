package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.JobEnds;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Stops a job: the stop is recorded in the ledger first, after every worker transaction applying items of the job has
 * committed, then shown in the job's status. From the moment this returns no further item of the job takes effect.
 */
@Service
public class JobStopping {

    static final String REASON = "stopped by the client";

    private final JobStore jobs;
    private final JobEnds ends;
    private final Clock clock;

    JobStopping(JobStore jobs, JobEnds ends, Clock clock) {
        this.jobs = jobs;
        this.ends = ends;
        this.clock = clock;
    }

    /**
     * @throws ApiException               404 / 4004 for an unknown or foreign job, 409 / 4000 for a finished one
     * @throws EngineUnavailableException if Redis or PostgreSQL cannot serve, or workers did not commit in time; the
     *                                    stop may already hold, and repeating it is safe
     */
    public void stop(Tenant tenant, long jobId) {
        JobHeader job = jobs.header(tenant.id(), jobId).orElseThrow(() -> JobStatusReading.jobNotFound(jobId));
        if (job.status() == JobStatus.STOPPED) {
            return;
        }
        if (job.status().isTerminal()) {
            throw finished(jobId);
        }
        int processed = ends.end(tenant.id(), jobId, REASON);
        switch (jobs.stop(tenant.id(), jobId, processed, clock.instant())) {
            case STOPPED, ALREADY_STOPPED -> {}
            case FINISHED -> throw finished(jobId);
            case NOT_FOUND -> throw JobStatusReading.jobNotFound(jobId);
        }
    }

    private static ApiException finished(long jobId) {
        return new ApiException(
                HttpStatus.CONFLICT,
                ErrorCode.CONFLICT,
                "Job " + jobId + " has already finished and cannot be stopped");
    }
}
