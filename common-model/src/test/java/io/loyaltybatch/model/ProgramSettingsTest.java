package io.loyaltybatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProgramSettingsTest {

    @Test
    void earnsFloorOfSpendOverEarnPerAmountTimesEarnPoints() {
        ProgramSettings program = new ProgramSettings(null, null, 10L, new BigDecimal("2.50"), null, null, null);

        assertThat(program.pointsEarnedOn(new BigDecimal("12.49"))).isEqualTo(40);
        assertThat(program.pointsToRedeem(new BigDecimal("0.015"))).isEqualTo(2);
    }

    @Test
    void anEarnTooLargeForALongIsAnErrorNotAWrappedNumber() {
        ProgramSettings generous =
                new ProgramSettings(null, null, 1_000_000L, new BigDecimal("0.01"), null, null, null);

        assertThatThrownBy(() -> generous.pointsEarnedOn(new BigDecimal("999999999999.99")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void settingsOutsideTheirRangeAreRefusedAtStartUp() {
        assertThatThrownBy(() -> new ProgramSettings(null, null, 1_000_001L, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProgramSettings(null, null, null, new BigDecimal("0.001"), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProgramSettings(null, null, null, null, new BigDecimal("0.00001"), null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProgramSettings(null, null, null, null, null, 3651, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
