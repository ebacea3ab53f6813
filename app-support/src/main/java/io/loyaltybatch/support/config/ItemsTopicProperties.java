package io.loyaltybatch.support.config;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka topics that carry items from the gateway to the workers, and their dead-letter topic: one definition for
 * both applications. Each creates the topics if they are missing and refuses to start if they exist with another
 * partition count ({@code KafkaItemsTopic}).
 *
 * <p>Items travel in lanes (see {@code docs/fair-share.md}): the default lane is the topic {@link #name()}; a tenant
 * with a lane of its own has its items on {@link #laneTopic(String)}, with {@link #lanePartitions()} partitions. The
 * workers consume every lane, {@link #pattern()}.
 *
 * @param name           items topic of the default lane, and the prefix of the others
 * @param partitions     partitions of the default lane and of the dead-letter topic; fixed for the topic's life, as a
 *                       customer's partition follows from it
 * @param lanePartitions partitions of a tenant's own lane when it is created; at most {@code partitions}, so a dead
 *                       letter keeps its record's partition number
 * @param replicas       replication factor of the topics when they are created
 * @param deadLetterName where records go that cannot be processed; the items topic's name + {@code .DLT} by default
 * @param checkTimeout   how long an application waits for the broker to create or describe a topic
 */
@ConfigurationProperties("loyalty.items-topic")
public record ItemsTopicProperties(
        @DefaultValue("loyalty.batch.items") String name,
        @DefaultValue("12") int partitions,
        @DefaultValue("12") int lanePartitions,
        @DefaultValue("1") short replicas,
        String deadLetterName,
        @DefaultValue("60s") Duration checkTimeout) {

    /** A lane's name: lower-case letters, digits and {@code -}, starting with a letter or digit. */
    public static final Pattern LANE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static final String LANE_INFIX = ".lane.";

    public ItemsTopicProperties {
        deadLetterName = deadLetterName == null || deadLetterName.isBlank() ? name + ".DLT" : deadLetterName;
        if (partitions < 1 || lanePartitions < 1 || lanePartitions > partitions) {
            throw new IllegalArgumentException("loyalty.items-topic.lane-partitions (" + lanePartitions
                    + ") must be between 1 and loyalty.items-topic.partitions (" + partitions + ")");
        }
    }

    /** The topic of a lane; {@link #name()} for the default lane, {@code null}. */
    public String laneTopic(String lane) {
        if (lane == null) {
            return name;
        }
        if (!LANE.matcher(lane).matches()) {
            throw new IllegalArgumentException("not a lane name: " + lane);
        }
        return name + LANE_INFIX + lane;
    }

    /** How many partitions the topic of a lane has. */
    public int partitionsOf(String lane) {
        return lane == null ? partitions : lanePartitions;
    }

    /** Every lane's topic and no other (not the dead-letter topic). */
    public Pattern pattern() {
        return Pattern.compile(Pattern.quote(name) + "(" + Pattern.quote(LANE_INFIX) + LANE.pattern() + ")?");
    }
}
