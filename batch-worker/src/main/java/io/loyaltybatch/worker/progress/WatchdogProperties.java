package io.loyaltybatch.worker.progress;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param stallTimeout  how long a job may go without progress before the watchdog fails it
 * @param checkInterval how often one worker looks for stalled jobs
 */
@ConfigurationProperties("loyalty.watchdog")
public record WatchdogProperties(
        @DefaultValue("15m") Duration stallTimeout,
        @DefaultValue("60s") Duration checkInterval) {}
