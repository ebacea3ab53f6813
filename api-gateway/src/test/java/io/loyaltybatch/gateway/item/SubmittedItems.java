package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.WireCodec;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JsonParser;

/** Submitted items read from JSON text exactly as the request parser reads each element of {@code body}. */
final class SubmittedItems {

    private SubmittedItems() {}

    static SubmittedItem of(String json) {
        try (JsonParser parser = WireCodec.mapper().createParser(json.getBytes(StandardCharsets.UTF_8))) {
            parser.nextToken();
            return ItemTree.read(
                    parser, WireCodec.mapper().deserializationConfig().getNodeFactory());
        }
    }
}
