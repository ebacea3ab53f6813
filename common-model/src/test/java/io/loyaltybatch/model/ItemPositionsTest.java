package io.loyaltybatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemPositionsTest {

    @Test
    void aLanesTopicTravelsWithItsOffsets() {
        ItemPositions positions = new ItemPositions("loyalty.batch.items.lane.acme", Map.of(2, 41L, 0, 7L));

        assertThat(positions.encode()).isEqualTo("loyalty.batch.items.lane.acme|0:7,2:41");
        assertThat(ItemPositions.decode(positions.encode())).isEqualTo(positions);
        assertThat(positions.topicOr("loyalty.batch.items")).isEqualTo("loyalty.batch.items.lane.acme");
    }

    @Test
    void positionsRecordedBeforeLanesAreOnTheDefaultLane() {
        ItemPositions old = ItemPositions.decode("0:7,2:41");

        assertThat(old.topic()).isNull();
        assertThat(old.lastOffsets()).containsExactlyInAnyOrderEntriesOf(Map.of(0, 7L, 2, 41L));
        assertThat(old.topicOr("loyalty.batch.items")).isEqualTo("loyalty.batch.items");
        assertThat(old.encode()).isEqualTo("0:7,2:41");
    }

    @Test
    void aJobWithoutPublishedItemsHasNoOffsets() {
        assertThat(ItemPositions.decode("t|").lastOffsets()).isEmpty();
        assertThat(ItemPositions.decode("").lastOffsets()).isEmpty();
        assertThat(ItemPositions.decode(null)).isNull();
    }
}
