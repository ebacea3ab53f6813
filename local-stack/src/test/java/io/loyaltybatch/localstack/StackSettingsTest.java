package io.loyaltybatch.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    private static StackSettings parse(String... args) {
        return StackSettings.from(args, Map.of(), Path.of("."));
    }

    @Test
    void oneWorkerUnlessToldOtherwise() {
        assertThat(parse().workers()).isEqualTo(1);
        assertThat(parse("--workers", "3").workers()).isEqualTo(3);
        assertThat(parse("--workers=12").workers()).isEqualTo(12);
        assertThat(parse("--workers", "0").workers()).isZero();
        assertThat(parse("--add-worker").addWorker()).isTrue();
    }

    @Test
    void aWorkerCountOutsideThePartitionsOrNotANumberIsRefusedByName() {
        for (String bad : new String[] {"-1", "13", "three", ""}) {
            assertThatThrownBy(() -> parse("--workers", bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--workers takes a number from 0 to 12");
        }
        assertThatThrownBy(() -> parse("--workers"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--workers");
    }

    @Test
    void modesExcludeEachOther() {
        assertThatThrownBy(() -> parse("--workers", "2", "--add-worker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> parse("--engines-only", "--add-worker")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theUsageNamesEveryOption() {
        assertThat(StackSettings.USAGE)
                .contains("--workers N", "--add-worker", "--engines-only", "--help", "LOCAL_FAST_START");
    }

    @Test
    void appsStartFromTheirJarsUnlessAFastStartIsAskedFor() {
        assertThat(parse().fastStart()).isFalse();
        assertThat(StackSettings.from(new String[0], Map.of("LOCAL_FAST_START", "true"), Path.of("."))
                        .fastStart())
                .isTrue();
    }
}
