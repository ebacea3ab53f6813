package io.loyaltybatch.gateway.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP server.
 *
 * @param maxRequestSize     largest request body (413 / 3011 above); a larger body is still read and discarded up to
 *                           four times this, so a client that sends it without {@code Expect: 100-continue} reads the
 *                           413 instead of a reset connection
 * @param requestReadTimeout how long the server waits for more of a request that has stopped arriving (a body
 *                           shorter than its {@code Content-Length}) before answering 400
 */
@ConfigurationProperties("loyalty.gateway")
public record HttpLimits(
        @DefaultValue("5MB") DataSize maxRequestSize,
        @DefaultValue("10s") Duration requestReadTimeout) {

    /** How much of an oversized body is read and thrown away before the connection is closed. */
    public long discardedBodyLimit() {
        return 4 * maxRequestSize.toBytes();
    }
}
