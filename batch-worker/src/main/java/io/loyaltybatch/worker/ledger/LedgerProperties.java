package io.loyaltybatch.worker.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param processedItemsRetention how long the record of a processed item is kept; longer than the items topic keeps
 *                                its records, so every redelivery still finds it
 * @param purgeInterval           how often each worker deletes records older than the retention
 */
@ConfigurationProperties("loyalty.ledger")
public record LedgerProperties(
        @DefaultValue("30d") Duration processedItemsRetention,
        @DefaultValue("1h") Duration purgeInterval) {}
