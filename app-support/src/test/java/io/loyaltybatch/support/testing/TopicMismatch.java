package io.loyaltybatch.support.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.engines.LocalEngines;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Starts an application on an items topic with fewer partitions than configured, on the shared engines. */
public final class TopicMismatch {

    private TopicMismatch() {}

    /** Asserts that the application refuses to start, naming both counts, and leaves the topic as it was. */
    public static void assertRefusesToStart(Class<?> application, Map<String, String> extraProperties)
            throws Exception {
        LocalEngines engines = LocalEngines.shared();
        String topic = "mismatch-it-" + UUID.randomUUID();
        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", engines.kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<String, String> properties = new HashMap<>(engines.springProperties());
            properties.putAll(extraProperties);
            properties.put("server.port", "0");
            properties.put("management.server.port", "0");
            properties.put("loyalty.items-topic.name", topic);
            properties.put("loyalty.items-topic.partitions", "12");

            // as arguments, which win over the application's own configuration files
            String[] arguments = properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new);
            assertThatThrownBy(() -> new SpringApplicationBuilder(application)
                            .run(arguments)
                            .close())
                    .rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(
                            "topic " + topic + " has 2 partition(s) but loyalty.items-topic.partitions is 12")
                    .hasMessageContaining("refusing to start");

            int partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
            assertThat(partitions).isEqualTo(2);
        }
    }
}
