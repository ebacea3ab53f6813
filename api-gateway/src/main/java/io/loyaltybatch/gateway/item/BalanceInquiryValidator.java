package io.loyaltybatch.gateway.item;

import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.LedgerItems;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code balance-inquiry}: only the customer id, which {@link ItemValidation} has checked already. */
@Component
class BalanceInquiryValidator implements ItemValidator<LedgerItems.BalanceInquiry> {

    @Override
    public ItemType type() {
        return ItemType.BALANCE_INQUIRY;
    }

    @Override
    public LedgerItems.BalanceInquiry validate(JsonNode item) {
        return new LedgerItems.BalanceInquiry();
    }
}
