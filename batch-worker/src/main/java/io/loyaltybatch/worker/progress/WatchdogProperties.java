package io.loyaltybatch.worker.progress;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param stallTimeout  how long a job whose items were all consumed may go on missing results before the watchdog
 *                      fails it (a job whose items are still queued is never failed)
 * @param checkInterval how often one worker looks for stalled jobs
 * @param endWait       how long ending a job waits for transactions applying its items to commit
 */
@ConfigurationProperties("loyalty.watchdog")
public record WatchdogProperties(
        @DefaultValue("15m") Duration stallTimeout,
        @DefaultValue("60s") Duration checkInterval,
        @DefaultValue("30s") Duration endWait) {}
