package io.loyaltybatch.gateway.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how job end notices go. {@code loyalty.webhooks.tenants.<tenantId>.url} and {@code .secret} give a
 * tenant's receiver and the key its notices are signed with (at least 16 characters; the receiver holds it too, so
 * it is configured in plain text, unlike a tenant's secretkey).
 *
 * @param tenants      tenant id -> receiver; a tenant without one gets no notices
 * @param pollInterval how often due notices are looked for
 * @param timeout      how long a receiver has to answer
 * @param firstRetry   the wait after a first failed delivery, doubling after each one
 * @param maxRetry     the longest wait between deliveries
 * @param maxAttempts  deliveries tried before the notice is given up
 * @param concurrency  deliveries under way at once, per gateway
 */
@ConfigurationProperties("loyalty.webhooks")
public record WebhookProperties(
        Map<String, Receiver> tenants,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("5s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetry,
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("4") int concurrency) {

    public WebhookProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
        tenants.forEach((tenant, receiver) -> receiver.check(tenant));
        if (maxAttempts < 1 || concurrency < 1) {
            throw new IllegalArgumentException("loyalty.webhooks.max-attempts and .concurrency must be at least 1");
        }
    }

    /** A tenant's receiver of end notices. */
    public record Receiver(URI url, String secret) {

        void check(String tenant) {
            if (url == null
                    || url.getHost() == null
                    || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                throw new IllegalArgumentException(
                        "loyalty.webhooks.tenants." + tenant + ".url must be an http or https URL");
            }
            if (secret == null || secret.length() < 16) {
                throw new IllegalArgumentException(
                        "loyalty.webhooks.tenants." + tenant + ".secret must be at least 16 characters");
            }
        }

        @Override
        public String toString() {
            return "Receiver[" + url.getScheme() + "://" + url.getHost() + ", secret hidden]";
        }
    }

    /** The wait before the next delivery after {@code attempts} failed ones. */
    Duration retryAfter(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
