package io.loyaltybatch.worker.ledger;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param processedItemsRetention how long the record of a processed item is kept; longer than the items topic keeps
 *                                its records, so every redelivery still finds it
 * @param purgeInterval           how often a worker keeps {@code processed_items}: creates the next range of job ids
 *                                ahead, drops ranges past the retention, deletes old rows outside the ranges
 * @param jobIdsPerPartition      the width of a range of job ids, one partition of {@code processed_items}
 */
@ConfigurationProperties("loyalty.ledger")
public record LedgerProperties(
        @DefaultValue("30d") Duration processedItemsRetention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue("1000000") long jobIdsPerPartition) {

    public LedgerProperties {
        if (jobIdsPerPartition < 1000) {
            throw new IllegalArgumentException(
                    "loyalty.ledger.job-ids-per-partition must be at least 1000 (one block of job ids), not "
                            + jobIdsPerPartition);
        }
    }
}
