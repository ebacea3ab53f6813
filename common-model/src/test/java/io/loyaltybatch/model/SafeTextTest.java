package io.loyaltybatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void findsNulAndUnpairedSurrogatesButAcceptsPairs() {
        assertThat(SafeText.problem("plain ascii, é, 😀")).isNull();
        assertThat(SafeText.problem("a\u0000b")).isEqualTo("contains a NUL character");
        assertThat(SafeText.problem("a\ud800b")).isEqualTo("contains an unpaired surrogate");
        assertThat(SafeText.problem("a\udc00")).isEqualTo("contains an unpaired surrogate");
        assertThat(SafeText.problem("end\ud83d")).isEqualTo("contains an unpaired surrogate");
    }

    @Test
    void sanitiseReplacesWhatNoStoreAcceptsAndCutsWithoutSplittingAPair() {
        assertThat(SafeText.sanitise("a\u0000b\ud800c", 100)).isEqualTo("a\uFFFDb\uFFFDc");
        assertThat(SafeText.sanitise("ab😀", 3)).isEqualTo("ab");
        assertThat(SafeText.sanitise("ab😀", 4)).isEqualTo("ab😀");
        assertThat(SafeText.sanitise("x".repeat(500), 100)).hasSize(100);
        assertThat(SafeText.sanitise(null, 10)).isNull();
        assertThat(SafeText.problem(SafeText.sanitise("\udc00\u0000\ud800", 10)))
                .isNull();
    }
}
