package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code events}: a non-empty map of event name to metadata object. */
@Component
class EventsValidator implements ItemValidator<LedgerItems.Events> {

    private static final int MAX_EVENT_NAME = ItemBounds.MAX_ID_CHARS;

    @Override
    public ItemType type() {
        return ItemType.EVENTS;
    }

    @Override
    public LedgerItems.Events validate(JsonNode item) {
        JsonNode events = Fields.optionalObject(item, "events");
        if (events == null) {
            throw ItemRejectedException.missing("events");
        }
        if (events.isEmpty()) {
            throw ItemRejectedException.invalid("events must name at least one event");
        }
        if (events.size() > ItemBounds.MAX_EVENTS) {
            throw ItemRejectedException.invalid("events may name at most " + ItemBounds.MAX_EVENTS + " events");
        }
        Map<String, Map<String, Object>> normalised = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> event : events.properties()) {
            String name = event.getKey().trim();
            if (name.isEmpty() || name.length() > MAX_EVENT_NAME) {
                throw ItemRejectedException.invalid("event names must be 1-" + MAX_EVENT_NAME + " characters");
            }
            JsonNode metadata = event.getValue();
            if (!metadata.isNull() && !metadata.isObject()) {
                throw ItemRejectedException.invalid("metadata of event " + name + " must be an object");
            }
            if (normalised.containsKey(name)) {
                throw ItemRejectedException.invalid("event " + name + " is given more than once");
            }
            normalised.put(
                    name,
                    metadata.isNull()
                            ? Map.of()
                            : Fields.optionalMap(events, event.getKey(), ItemBounds.MAX_EVENT_METADATA_BYTES));
        }
        return new LedgerItems.Events(normalised);
    }
}
