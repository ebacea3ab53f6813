package io.loyaltybatch.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.KafkaBroker;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.support.config.ItemsTopicProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The items topic is created from its one definition, or checked, on a real broker; a mismatch stops the start. */
class KafkaItemsTopicIT {

    private static Map<String, Object> adminConfig;
    private static Admin admin;

    @BeforeAll
    static void broker() {
        adminConfig = Map.of("bootstrap.servers", LocalEngines.shared().kafka().bootstrapServers());
        admin = Admin.create(adminConfig);
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    private static ItemsTopicProperties topic(String name, int partitions) {
        return new ItemsTopicProperties(name, partitions, 1, (short) 1, null, Duration.ofSeconds(30));
    }

    /** The topic's partition count, once the broker's metadata knows the topic (just after creating it, it may not). */
    private static int partitions(String name) {
        return await().atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(ExecutionException.class)
                .until(
                        () -> admin.describeTopics(List.of(name))
                                .allTopicNames()
                                .get(30, TimeUnit.SECONDS)
                                .get(name)
                                .partitions()
                                .size(),
                        count -> true);
    }

    private static boolean exists(String name) throws Exception {
        return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name);
    }

    @Test
    void aMissingTopicIsCreatedWithTheConfiguredPartitionsAndAWorkerAlsoGetsItsDeadLetterTopic() throws Exception {
        String name = "topic-it-" + UUID.randomUUID();

        new KafkaItemsTopic(adminConfig, topic(name, 5), true).afterPropertiesSet();

        assertThat(partitions(name)).isEqualTo(5);
        assertThat(partitions(name + ".DLT")).isEqualTo(5);
    }

    @Test
    void theGatewayCreatesNoDeadLetterTopic() throws Exception {
        String name = "topic-it-" + UUID.randomUUID();

        new KafkaItemsTopic(adminConfig, topic(name, 3), false).afterPropertiesSet();

        assertThat(partitions(name)).isEqualTo(3);
        assertThat(exists(name + ".DLT")).isFalse();
    }

    @Test
    void appsStartingTogetherAllStartWhileOneOfThemCreatesTheTopics() throws Exception {
        // a topic another app just created may not be described yet: its start must wait, not fail
        for (int round = 0; round < 10; round++) {
            String name = "topic-it-" + UUID.randomUUID();
            List<CompletableFuture<Void>> starts = IntStream.range(0, 4)
                    .mapToObj(app -> CompletableFuture.runAsync(
                            () -> new KafkaItemsTopic(adminConfig, topic(name, 6), true).afterPropertiesSet()))
                    .toList();

            for (CompletableFuture<Void> start : starts) {
                start.get(60, TimeUnit.SECONDS);
            }
            assertThat(partitions(name)).isEqualTo(6);
            assertThat(partitions(name + ".DLT")).isEqualTo(6);
        }
    }

    @Test
    void aTopicWithTheConfiguredPartitionsIsLeftAsItIs() throws Exception {
        String name = "topic-it-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);

        new KafkaItemsTopic(adminConfig, topic(name, 4), false).afterPropertiesSet();
        new KafkaItemsTopic(adminConfig, topic(name, 4), false).afterPropertiesSet();

        assertThat(partitions(name)).isEqualTo(4);
    }

    @Test
    void aTopicWithAnotherPartitionCountStopsTheStartAndIsNotChanged() throws Exception {
        String name = "topic-it-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, 4, (short) 1))).all().get(30, TimeUnit.SECONDS);

        assertThatThrownBy(() -> new KafkaItemsTopic(adminConfig, topic(name, 6), false).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic " + name + " has 4 partition(s) but loyalty.items-topic.partitions is 6")
                .hasMessageContaining("refusing to start");
        assertThatThrownBy(() -> new KafkaItemsTopic(adminConfig, topic(name, 2), false).afterPropertiesSet())
                .hasMessageContaining("has 4 partition(s) but loyalty.items-topic.partitions is 2");

        assertThat(partitions(name)).isEqualTo(4);
    }

    @Test
    void aDeadLetterTopicWithAnotherPartitionCountStopsAWorkersStart() throws Exception {
        String name = "topic-it-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name + ".DLT", 1, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);

        assertThatThrownBy(() -> new KafkaItemsTopic(adminConfig, topic(name, 3), true).afterPropertiesSet())
                .hasMessageContaining("topic " + name + ".DLT has 1 partition(s)");
    }

    @Test
    void aBrokerThatCannotBeReachedStopsTheStartOnceTheCheckTimesOut() {
        Map<String, Object> nowhere = Map.of("bootstrap.servers", "127.0.0.1:" + LocalEngines.freePort());
        Duration checkTimeout = Duration.ofSeconds(1);
        ItemsTopicProperties topic =
                new ItemsTopicProperties("topic-it-" + UUID.randomUUID(), 3, 3, (short) 1, null, checkTimeout);

        long started = System.nanoTime();
        assertThatThrownBy(() -> new KafkaItemsTopic(nowhere, topic, false).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("loyalty.items-topic.check-timeout");
        // the check's own timeout ends the start: closing the admin client waits for no call that can no longer
        // matter (a slack of seconds for a busy machine, well short of another wait of the admin client's own)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(checkTimeout.plusSeconds(4));
    }

    @Test
    void aBrokerThatAnswersOnlyAfterTheFirstCallsTimedOutIsWaitedForUntilTheCheckTimesOut() throws Exception {
        try (KafkaBroker late = new KafkaBroker()) {
            // each admin call gives up after a second, as the apps' calls give up after five under load
            Map<String, Object> config = Map.of(
                    "bootstrap.servers", late.bootstrapServers(),
                    "default.api.timeout.ms", 1000,
                    "request.timeout.ms", 500);
            String name = "topic-it-" + UUID.randomUUID();
            CompletableFuture<Void> check = CompletableFuture.runAsync(() -> new KafkaItemsTopic(
                            config,
                            new ItemsTopicProperties(name, 3, 3, (short) 1, null, Duration.ofSeconds(90)),
                            false)
                    .afterPropertiesSet());

            late.start(); // takes seconds: the first calls of the check time out before it answers

            check.get(120, TimeUnit.SECONDS);
            try (Admin lateAdmin = Admin.create(Map.of("bootstrap.servers", late.bootstrapServers()))) {
                assertThat(lateAdmin
                                .describeTopics(List.of(name))
                                .allTopicNames()
                                .get(30, TimeUnit.SECONDS)
                                .get(name)
                                .partitions())
                        .hasSize(3);
            }
        }
    }
}
