package io.loyaltybatch.gateway.ops;

import io.loyaltybatch.support.config.ItemsTopicProperties;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/** The workers' consumer group as the broker describes it: its state and each member's partitions of the lanes. */
@Component
class ConsumerGroup {

    /** A partition of a lane's topic. */
    record Assigned(String topic, int partition) {}

    /** One member: a consumer thread of a worker. */
    record Member(String memberId, String clientId, String host, List<Assigned> partitions) {}

    record Description(String groupId, String state, List<Member> members) {}

    private final Admin admin;
    private final String group;
    private final Pattern lanes;

    ConsumerGroup(Admin admin, KafkaProperties kafka, ItemsTopicProperties topic) {
        this.admin = admin;
        this.group = kafka.getConsumer().getGroupId();
        this.lanes = topic.pattern();
    }

    Description describe() throws InterruptedException, ExecutionException, TimeoutException {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group))
                    .describedGroups()
                    .get(group)
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                // no worker ever joined
                return new Description(group, "NONE", List.of());
            }
            throw e;
        }
        List<Member> members = description.members().stream()
                .map(m -> new Member(
                        m.consumerId(),
                        m.clientId(),
                        m.host(),
                        m.assignment().topicPartitions().stream()
                                .filter(p -> lanes.matcher(p.topic()).matches())
                                .map(p -> new Assigned(p.topic(), p.partition()))
                                .sorted(Comparator.comparing(Assigned::topic).thenComparing(Assigned::partition))
                                .toList()))
                .sorted(Comparator.comparing(Member::clientId).thenComparing(Member::memberId))
                .toList();
        return new Description(group, description.groupState().toString(), members);
    }
}
