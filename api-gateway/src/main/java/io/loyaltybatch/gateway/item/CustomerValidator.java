package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.CustomerProfile;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.WireCodec;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code customers} items: the nested {@code customerAttributes} form of the contract and the flat form of the
 * public examples ({@code name}, {@code gender}, ...) are both accepted; a nested value wins over a flat one.
 */
@Component
class CustomerValidator implements ItemValidator<CustomerProfile> {

    private static final int TEXT = ItemBounds.MAX_TEXT_CHARS;
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$");
    private static final Pattern MOBILE = Pattern.compile("^\\+?[0-9][0-9 ()-]{3,29}$");

    @Override
    public ItemType type() {
        return ItemType.CUSTOMERS;
    }

    @Override
    public CustomerProfile validate(JsonNode item) {
        JsonNode attributes = Fields.optionalObject(item, "customerAttributes");
        JsonNode nested = attributes != null ? attributes : WireCodec.mapper().createObjectNode();
        String email = either(Fields.optionalString(nested, "email", TEXT), Fields.optionalString(item, "email", TEXT));
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw ItemRejectedException.invalid("Invalid email address");
        }
        String mobile =
                either(Fields.optionalString(nested, "mobile", TEXT), Fields.optionalString(item, "mobile", TEXT));
        if (mobile != null && !MOBILE.matcher(mobile).matches()) {
            throw ItemRejectedException.invalid("Invalid mobile number");
        }
        CustomerProfile profile = new CustomerProfile(
                either(
                        Fields.optionalString(nested, "displayName", TEXT),
                        either(
                                Fields.optionalString(item, "displayName", TEXT),
                                Fields.optionalString(item, "name", TEXT))),
                text(nested, item, "firstName"),
                text(nested, item, "lastName"),
                email,
                mobile,
                text(nested, item, "gender"),
                either(Fields.optionalDate(nested, "dateOfBirth"), Fields.optionalDate(item, "dateOfBirth")),
                either(Fields.optionalDate(nested, "joinDate"), Fields.optionalDate(item, "joinDate")),
                text(nested, item, "country"),
                text(nested, item, "city"),
                text(nested, item, "preferredLanguage"),
                text(nested, item, "channel"),
                Fields.optionalBoolean(item, "guest"),
                either(
                        Fields.optionalStringList(nested, "tags", ItemBounds.MAX_TAGS, TEXT),
                        Fields.optionalStringList(item, "tags", ItemBounds.MAX_TAGS, TEXT)),
                either(
                        Fields.optionalMap(nested, "custom", ItemBounds.MAX_CUSTOM_BYTES),
                        Fields.optionalMap(item, "custom", ItemBounds.MAX_CUSTOM_BYTES)));
        return profile;
    }

    private static String text(JsonNode nested, JsonNode flat, String field) {
        return either(Fields.optionalString(nested, field, TEXT), Fields.optionalString(flat, field, TEXT));
    }

    private static <T> T either(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
