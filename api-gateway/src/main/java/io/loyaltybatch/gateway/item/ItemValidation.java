package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Validates every item of a batch with the validator of its type; invalid items are rejected one by one. */
@Component
public class ItemValidation {

    static final int MAX_CUSTOMER_ID_LENGTH = ItemBounds.MAX_ID_CHARS;

    private final Map<ItemType, ItemValidator<?>> validators;

    /** @throws IllegalStateException unless every {@link ItemType} has exactly one validator */
    public ItemValidation(List<ItemValidator<?>> validators) {
        this.validators = ItemType.oneEach(validators, ItemValidator::type, "validator");
    }

    public List<ValidatedItem> validate(ItemType type, List<SubmittedItem> items) {
        ItemValidator<?> validator = validators.get(type);
        List<ValidatedItem> validated = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            validated.add(validate(validator, index, items.get(index)));
        }
        return validated;
    }

    private static ValidatedItem validate(ItemValidator<?> validator, int index, SubmittedItem submitted) {
        JsonNode item = submitted.node();
        if (item == null || !item.isObject()) {
            String message = submitted.defect() != null ? submitted.defect() : "Each item must be a JSON object";
            return new ValidatedItem.Rejected(index, ItemResult.failure(index, null, ErrorCode.INVALID_VALUE, message));
        }
        if (submitted.bytes() > ItemBounds.MAX_ITEM_BYTES) {
            return rejected(
                    index,
                    item,
                    ItemRejectedException.invalid("An item may be at most " + ItemBounds.MAX_ITEM_BYTES + " bytes"));
        }
        if (submitted.defect() != null) {
            return rejected(index, item, ItemRejectedException.invalid(submitted.defect()));
        }
        String customerId = null;
        try {
            customerId = Fields.requiredString(item, "customerId", MAX_CUSTOMER_ID_LENGTH);
            return new ValidatedItem.Accepted(index, customerId, validator.validate(item));
        } catch (ItemRejectedException e) {
            return customerId != null
                    ? new ValidatedItem.Rejected(index, ItemResult.failure(index, customerId, e.code(), e.getMessage()))
                    : rejected(index, item, e);
        }
    }

    private static ValidatedItem rejected(int index, JsonNode item, ItemRejectedException e) {
        return new ValidatedItem.Rejected(
                index, ItemResult.failure(index, rawCustomerId(item), e.code(), e.getMessage()));
    }

    /**
     * The customer id as sent, for reporting a rejected item, when it is a short enough string (the reader has
     * already left out any text no store could hold).
     */
    private static String rawCustomerId(JsonNode item) {
        JsonNode id = item.get("customerId");
        return id != null && id.isString() && id.asString().length() <= MAX_CUSTOMER_ID_LENGTH ? id.asString() : null;
    }
}
