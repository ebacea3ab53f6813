package io.loyaltybatch.worker.points;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param releaseInterval how often each worker moves matured pending points into the balances of customers no item
 *                        touches
 */
@ConfigurationProperties("loyalty.points")
public record PointsProperties(@DefaultValue("60s") Duration releaseInterval) {}
