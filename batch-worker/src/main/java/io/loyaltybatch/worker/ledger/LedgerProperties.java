package io.loyaltybatch.worker.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param processedItemsRetention how long the record of a processed item is kept; longer than the items topic keeps
 *                                its records, so every redelivery still finds it
 */
@ConfigurationProperties("loyalty.ledger")
public record LedgerProperties(@DefaultValue("30d") Duration processedItemsRetention) {}
