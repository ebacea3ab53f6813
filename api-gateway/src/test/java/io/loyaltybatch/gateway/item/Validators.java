package io.loyaltybatch.gateway.item;

import java.util.List;

/** The validators of every item kind, as the gateway registers them. */
public final class Validators {

    private Validators() {}

    public static List<ItemValidator<?>> all() {
        return List.of(
                new CustomerValidator(),
                new OrderValidator(),
                new BalanceInquiryValidator(),
                new BalanceAdjustmentValidator(),
                new CashbackValidator(),
                new RedeemValidator(),
                new EventsValidator());
    }

    public static ItemValidation validation() {
        return new ItemValidation(all());
    }
}
