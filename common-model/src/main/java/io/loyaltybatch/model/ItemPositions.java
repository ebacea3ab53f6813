package io.loyaltybatch.model;

import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Where a job's items landed on the items topic: for each partition, the offset of the job's last item there. The
 * gateway records it with the job before the items become visible. Once the consumer group's committed offset on
 * every one of these partitions is past it, every item of the job has been consumed: none is still coming.
 */
public record ItemPositions(Map<Integer, Long> lastOffsets) {

    public ItemPositions {
        lastOffsets = Map.copyOf(lastOffsets);
    }

    /** {@code partition:offset} pairs joined by commas, in partition order: the form stored in the job header. */
    public String encode() {
        StringJoiner joined = new StringJoiner(",");
        new TreeMap<>(lastOffsets).forEach((partition, offset) -> joined.add(partition + ":" + offset));
        return joined.toString();
    }

    /** The positions in {@link #encode()}'s form; null for null. */
    public static ItemPositions decode(String encoded) {
        if (encoded == null) {
            return null;
        }
        Map<Integer, Long> offsets = new HashMap<>();
        if (!encoded.isEmpty()) {
            for (String pair : encoded.split(",")) {
                int colon = pair.indexOf(':');
                offsets.put(Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
            }
        }
        return new ItemPositions(offsets);
    }
}
