package io.loyaltybatch.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void theSignatureIsHmacSha256OfTheTimestampAndTheBodyAsStripeSignsIt() {
        // the value Python's hmac module gives for the same key and message
        assertThat(WebhookSignature.sign(
                        "whsec_0123456789abcdef",
                        Instant.ofEpochSecond(1_700_000_000L),
                        "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=9f5e37cdc7ea587c7c02062d93283cad000d66a831b2a1676418696db47ed6c2");
    }

    private static WebhookProperties properties(Map<String, WebhookProperties.Receiver> tenants) {
        return new WebhookProperties(
                tenants,
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofMinutes(1),
                12,
                4);
    }

    @Test
    void theWaitDoublesAfterEachFailedDeliveryUpToTheLongest() {
        WebhookProperties properties = properties(Map.of());

        assertThat(properties.retryAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.retryAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.retryAfter(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(properties.retryAfter(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.retryAfter(1_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aReceiverNeedsAnHttpUrlAndASecretOfSixteenCharactersAndNeverShowsIt() {
        WebhookProperties.Receiver receiver =
                new WebhookProperties.Receiver(URI.create("https://hooks.example.com/x?token=abc"), "0123456789abcdef");

        assertThat(properties(Map.of("acme", receiver)).tenants()).containsKey("acme");
        assertThat(receiver.toString()).doesNotContain("0123456789abcdef").doesNotContain("token");
        assertThatThrownBy(() -> properties(
                        Map.of("acme", new WebhookProperties.Receiver(URI.create("ftp://x/y"), "0123456789abcdef"))))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() ->
                        properties(Map.of("acme", new WebhookProperties.Receiver(URI.create("https://x/y"), "short"))))
                .hasMessageContaining("16 characters");
    }
}
