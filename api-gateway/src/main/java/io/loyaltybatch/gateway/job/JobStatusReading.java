package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.springframework.stereotype.Service;

/** Reads a job's status for its own tenant; another tenant's job is as unknown as a missing one. */
@Service
public class JobStatusReading {

    private final JobStore jobs;
    private final ItemsConsumption consumption;
    private final Clock clock;

    JobStatusReading(JobStore jobs, ItemsConsumption consumption, Clock clock) {
        this.jobs = jobs;
        this.consumption = consumption;
        this.clock = clock;
    }

    public JobStatusView read(Tenant tenant, long jobId) {
        JobSnapshot job = jobs.find(tenant.id(), jobId).orElseThrow(() -> jobNotFound(jobId));
        return JobStatusView.of(job, job.status().isTerminal() ? JobStatusView.Pace.NONE : pace(job));
    }

    /**
     * The ETA is where the job's items are in the topic against the group's committed offsets and recent rates, so a
     * job waiting behind other jobs' items says how long they take too; its own rate says how fast it is applied.
     */
    private JobStatusView.Pace pace(JobSnapshot job) {
        Double itemsPerSecond = null;
        if (job.startedAt() != null) {
            // startedAt is to the second: a job younger than a second counts as one second old
            double seconds = Math.max(
                    1,
                    Duration.between(Instant.parse(job.startedAt()), clock.instant())
                                    .toMillis()
                            / 1000.0);
            itemsPerSecond = round(job.results().size() / seconds);
        }
        Double etaSeconds = null;
        if (job.positions() != null) {
            OptionalDouble eta = consumption.secondsToReach(job.positions());
            if (eta.isPresent()) {
                etaSeconds = round(eta.getAsDouble());
            }
        }
        return new JobStatusView.Pace(itemsPerSecond, etaSeconds);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static ApiException jobNotFound(long jobId) {
        return ApiException.notFound("Job " + jobId + " not found");
    }
}
