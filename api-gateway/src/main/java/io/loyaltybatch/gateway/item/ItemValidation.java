package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Validates every item of a batch with the validator of its type; invalid items are rejected one by one. */
@Component
public class ItemValidation {

    static final int MAX_CUSTOMER_ID_LENGTH = 100;

    private final Map<ItemType, ItemValidator> validators = new EnumMap<>(ItemType.class);

    public ItemValidation(List<ItemValidator> validators) {
        validators.forEach(v -> this.validators.put(v.type(), v));
    }

    /** Whether items of this type can be submitted. */
    public boolean supports(ItemType type) {
        return validators.containsKey(type);
    }

    public List<ValidatedItem> validate(ItemType type, List<JsonNode> items) {
        ItemValidator validator = validators.get(type);
        List<ValidatedItem> validated = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            validated.add(validate(validator, index, items.get(index)));
        }
        return validated;
    }

    private static ValidatedItem validate(ItemValidator validator, int index, JsonNode item) {
        if (item == null || !item.isObject()) {
            return new ValidatedItem.Rejected(
                    index, ItemResult.failure(index, null, ErrorCode.INVALID_VALUE, "Each item must be a JSON object"));
        }
        String customerId = null;
        try {
            customerId = Fields.requiredString(item, "customerId", MAX_CUSTOMER_ID_LENGTH);
            return new ValidatedItem.Accepted(index, customerId, validator.validate(item));
        } catch (ItemRejectedException e) {
            String reported = customerId != null ? customerId : rawCustomerId(item);
            return new ValidatedItem.Rejected(index, ItemResult.failure(index, reported, e.code(), e.getMessage()));
        }
    }

    /** The customer id as sent, for reporting a rejected item, when it is a short enough string. */
    private static String rawCustomerId(JsonNode item) {
        JsonNode id = item.get("customerId");
        return id != null && id.isString() && id.asString().length() <= MAX_CUSTOMER_ID_LENGTH ? id.asString() : null;
    }
}
