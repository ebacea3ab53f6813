package io.loyaltybatch.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a notice, as Stripe signs its webhooks: {@code Loyalty-Signature: t=<unix seconds>,v1=<hex>},
 * where {@code v1} is HMAC-SHA256, keyed with the tenant's webhook secret, of {@code <t>.<body>}. A receiver
 * computes the same over the raw body it got, compares in constant time, and refuses a {@code t} far from its clock
 * (5 minutes, say) so a captured notice cannot be replayed later.
 */
final class WebhookSignature {

    static final String HEADER = "Loyalty-Signature";

    private WebhookSignature() {}

    static String sign(String secret, Instant at, byte[] body) {
        long seconds = at.getEpochSecond();
        return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, seconds, body));
    }

    static byte[] hmac(String secret, long seconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((seconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
