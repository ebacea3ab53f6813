package io.loyaltybatch.gateway;

import io.loyaltybatch.support.testing.TopicMismatch;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway refuses to start on an items topic whose partition count differs from its configuration. */
class ItemsTopicMismatchIT {

    @Test
    void aTopicWithAnotherPartitionCountStopsTheStartAndIsLeftAsItIs() throws Exception {
        TopicMismatch.assertRefusesToStart(GatewayApplication.class, Map.of());
    }
}
