package io.loyaltybatch.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineKindTest {

    @Test
    void processesAreTheDefault() {
        assertThat(EngineKind.named(null)).isEqualTo(EngineKind.PROCESSES);
        assertThat(EngineKind.named(" ")).isEqualTo(EngineKind.PROCESSES);
    }

    @Test
    void eitherKindIsChosenByName() {
        assertThat(EngineKind.named("processes")).isEqualTo(EngineKind.PROCESSES);
        assertThat(EngineKind.named("containers")).isEqualTo(EngineKind.CONTAINERS);
        assertThat(EngineKind.named(" Containers ")).isEqualTo(EngineKind.CONTAINERS);
    }

    @Test
    void anyOtherValueIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> EngineKind.named("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dengines=docker")
                .hasMessageContaining("processes, containers");
    }

    @Test
    void processesAreChildProcessEngines() {
        try (LocalEngines engines = EngineKind.PROCESSES.create()) {
            assertThat(engines.kafka()).isInstanceOf(KafkaBroker.class);
            assertThat(engines.redis()).isInstanceOf(RedisServer.class);
            assertThat(engines.postgres()).isInstanceOf(PostgresServer.class);
        }
    }

    @Test
    void containersAreTestcontainersEnginesNotStartedUntilAsked() {
        try (LocalEngines engines = EngineKind.CONTAINERS.create()) {
            assertThat(engines.kafka()).isInstanceOf(KafkaContainerEngine.class);
            assertThat(engines.redis()).isInstanceOf(RedisContainerEngine.class);
            assertThat(engines.postgres()).isInstanceOf(PostgresContainerEngine.class);
            assertThat(engines.kafka().isRunning()).isFalse();
            assertThat(engines.kafka().bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(engines.redis().url()).startsWith("redis://127.0.0.1:");
            assertThat(engines.postgres().jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
        }
    }
}
