package io.loyaltybatch.support;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * Periodic tasks that fail (an engine down, most often) are simply run again at their next interval: each failure is
 * one warning line with its reason, as {@link RedactedFailure} describes it (no values, no personal data); the stack
 * trace goes to debug. Without this the scheduler would print a full trace on every try of a long outage.
 */
public final class ScheduledTasks {

    private ScheduledTasks() {}

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
