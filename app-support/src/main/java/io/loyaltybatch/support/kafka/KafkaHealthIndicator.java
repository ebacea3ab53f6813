package io.loyaltybatch.support.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Kafka as a health contributor ({@code kafka}): up when the broker describes its cluster within {@link #TIMEOUT}.
 * Part of each app's readiness group, so an app that cannot reach Kafka is taken out of the load balancer (gateway)
 * or reported not ready (worker) until it can again. Spring Boot has none of its own for Kafka.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Map<String, Object> config;
    private Admin admin;

    /** @param config the admin client settings ({@code KafkaAdmin.getConfigurationProperties()}) */
    public KafkaHealthIndicator(Map<String, Object> config) {
        super("Kafka cannot be reached");
        this.config = Map.copyOf(config);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int brokers = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .nodes()
                .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS)
                .size();
        builder.up().withDetail("brokers", brokers);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
