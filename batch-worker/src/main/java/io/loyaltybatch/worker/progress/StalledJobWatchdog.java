package io.loyaltybatch.worker.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends jobs that made no progress for {@code loyalty.watchdog.stall-timeout} (15 minutes by default) while items
 * remain: they become {@code failed} with a {@code failureReason}, and their items that never started are cancelled.
 *
 * <p>Such jobs are failed, not re-driven: Kafka already delivers every unacknowledged item again, so a job stalls
 * only when its items can no longer arrive (lost from the topic, say) or nothing has consumed them for the whole
 * timeout. A clear terminal status with a reason lets the client resubmit, which is safe because order and
 * transaction ids are unique. Keep the timeout above the longest backlog you expect.
 */
@Component
class StalledJobWatchdog {

    private static final Logger log = LoggerFactory.getLogger(StalledJobWatchdog.class);
    private static final int BATCH = 100;

    private final StalledJobs jobs;
    private final WatchdogProperties properties;
    private final Clock clock;
    private final String holder = UUID.randomUUID().toString();

    StalledJobWatchdog(StalledJobs jobs, WatchdogProperties properties, Clock clock) {
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${loyalty.watchdog.check-interval:60s}",
            initialDelayString = "${loyalty.watchdog.check-interval:60s}")
    void check() {
        if (!jobs.acquireLease(holder, properties.checkInterval())) {
            return;
        }
        Instant now = clock.instant();
        Instant before = now.minus(properties.stallTimeout());
        String reason = "No progress for " + describe(properties.stallTimeout()) + "; items not started were cancelled";
        for (long jobId : jobs.withoutProgressSince(before, BATCH)) {
            switch (jobs.fail(jobId, before, reason, now)) {
                case FAILED -> {
                    log.warn("Job {} failed by the watchdog: {}", jobId, reason);
                    jobs.forget(jobId);
                }
                case GONE -> jobs.forget(jobId);
                case ALIVE -> {}
            }
        }
    }

    private static String describe(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
