package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.WireCodec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code balance-inquiry}: only the customer id, which {@link ItemValidation} has checked already. */
@Component
class BalanceInquiryValidator implements ItemValidator {

    @Override
    public ItemType type() {
        return ItemType.BALANCE_INQUIRY;
    }

    @Override
    public JsonNode validate(JsonNode item) {
        return WireCodec.mapper().createObjectNode();
    }
}
