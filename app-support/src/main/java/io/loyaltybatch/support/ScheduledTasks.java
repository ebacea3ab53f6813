package io.loyaltybatch.support;

import java.time.Duration;
import org.slf4j.Logger;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Periodic tasks that fail (an engine down, most often) are simply run again at their next interval: each failure is
 * one warning line with its reason, as {@link RedactedFailure} describes it (no values, no personal data); the stack
 * trace goes to debug. Without this the scheduler would print a full trace on every try of a long outage.
 */
public final class ScheduledTasks {

    private ScheduledTasks() {}

    /**
     * Registers {@code task} to run {@code interval} after each run ends, the first time after {@code initialDelay},
     * its failures logged as {@link #oneLinePerFailure} does.
     */
    public static void withFixedDelay(
            ScheduledTaskRegistrar tasks,
            Logger log,
            String what,
            Duration interval,
            Duration initialDelay,
            Runnable task) {
        tasks.addFixedDelayTask(
                new FixedDelayTask(oneLinePerFailure(log, what, interval, task), interval, initialDelay));
    }

    /** {@code task}, logging its failures on {@code log} as one line each; never throws. */
    public static Runnable oneLinePerFailure(Logger log, String what, Duration interval, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // an engine outage names the engine; anything else only the exception classes (never values)
                String reason = e instanceof EngineUnavailableException ? e.getMessage() : RedactedFailure.describe(e);
                log.warn("{} failed and runs again in {}: {}", what, interval, reason);
                log.debug("{} failed", what, e);
            }
        };
    }
}
