package io.loyaltybatch.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Default limits out of their range stop the gateway at start, not each request once it serves. */
class LimitsPropertiesTest {

    @Test
    void defaultsOutOfRangeAreRefusedWhenBound() {
        Duration timeout = Duration.ofMillis(100);
        assertThatThrownBy(() -> new LimitsProperties(0, 200, 500, 50_000_000, timeout))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loyalty.limits");
        assertThatThrownBy(() -> new LimitsProperties(100, 200, -1, 50_000_000, timeout))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LimitsProperties(100, 200, 500, 0, timeout))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LimitsProperties(100, 200, 500, 50_000_000, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decision-timeout");
        assertThat(new LimitsProperties(100, 200, 500, 50_000_000, timeout)
                        .defaults()
                        .burst())
                .isEqualTo(200);
    }
}
