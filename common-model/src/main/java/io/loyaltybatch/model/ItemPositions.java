package io.loyaltybatch.model;

import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Where a job's items landed: the topic of its tenant's lane and, for each partition, the offset of the job's last item
 * there. The gateway records it with the job before the items become visible. Once the consumer group's committed
 * offset on every one of these partitions is past it, every item of the job has been consumed: none is still coming.
 *
 * @param topic the lane's topic; {@code null} in positions recorded before lanes, which are on the default lane's
 */
public record ItemPositions(String topic, Map<Integer, Long> lastOffsets) {

    public ItemPositions {
        lastOffsets = Map.copyOf(lastOffsets);
    }

    /** The topic, or {@code defaultTopic} for positions recorded without one. */
    public String topicOr(String defaultTopic) {
        return topic == null ? defaultTopic : topic;
    }

    /**
     * {@code topic|partition:offset,...}, in partition order: the form stored in the job header. Positions without a
     * topic have no {@code topic|}.
     */
    public String encode() {
        StringJoiner joined = new StringJoiner(",", topic == null ? "" : topic + "|", "");
        new TreeMap<>(lastOffsets).forEach((partition, offset) -> joined.add(partition + ":" + offset));
        return joined.toString();
    }

    /** The positions in {@link #encode()}'s form; null for null. */
    public static ItemPositions decode(String encoded) {
        if (encoded == null) {
            return null;
        }
        int bar = encoded.indexOf('|');
        String topic = bar < 0 ? null : encoded.substring(0, bar);
        String pairs = encoded.substring(bar + 1);
        Map<Integer, Long> offsets = new HashMap<>();
        if (!pairs.isEmpty()) {
            for (String pair : pairs.split(",")) {
                int colon = pair.indexOf(':');
                offsets.put(Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
            }
        }
        return new ItemPositions(topic, offsets);
    }
}
