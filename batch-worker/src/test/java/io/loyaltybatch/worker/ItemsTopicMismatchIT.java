package io.loyaltybatch.worker;

import io.loyaltybatch.support.testing.TopicMismatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A worker refuses to start on an items topic whose partition count differs from its configuration. */
class ItemsTopicMismatchIT {

    @Test
    void aTopicWithAnotherPartitionCountStopsTheStartAndIsLeftAsItIs() throws Exception {
        TopicMismatch.assertRefusesToStart(WorkerApplication.class, Map.of());
    }
}
