package io.loyaltybatch.gateway.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.springframework.stereotype.Component;

/**
 * How an unfinished job moves (contract sections 4 and 4a). The ETA is where the job's items are in the topic against
 * the group's committed offsets and recent rates, so a job waiting behind other jobs' items says how long they take
 * too; its own rate says how fast it is applied.
 */
@Component
class JobPace {

    private final ItemsConsumption consumption;
    private final Clock clock;

    JobPace(ItemsConsumption consumption, Clock clock) {
        this.consumption = consumption;
        this.clock = clock;
    }

    /** {@link JobStatusView.Pace#NONE} once the job ended. */
    JobStatusView.Pace of(JobSnapshot job) {
        if (job.status().isTerminal()) {
            return JobStatusView.Pace.NONE;
        }
        Double itemsPerSecond = null;
        if (job.startedAt() != null) {
            // startedAt is to the second: a job younger than a second counts as one second old
            double seconds = Math.max(
                    1,
                    Duration.between(Instant.parse(job.startedAt()), clock.instant())
                                    .toMillis()
                            / 1000.0);
            itemsPerSecond = round((job.finished() + job.errors()) / seconds);
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
}
