package io.loyaltybatch.gateway.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loyaltybatch.model.ItemType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway accepts no job unless every item kind can be validated, by exactly one validator. */
class ValidatorRegistryTest {

    @Test
    void everyKindHasExactlyOneValidator() {
        assertThatCode(Validators::validation).doesNotThrowAnyException();
        assertThat(Validators.all().stream().map(ItemValidator::type)).containsExactlyInAnyOrder(ItemType.values());
    }

    @Test
    void aKindWithoutAValidatorStopsTheGatewayFromStarting() {
        for (ItemType type : ItemType.values()) {
            List<ItemValidator<?>> withoutOne = new ArrayList<>(Validators.all());
            withoutOne.removeIf(validator -> validator.type() == type);

            assertThatThrownBy(() -> new ItemValidation(withoutOne))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no validator for item type(s) [" + type + "]");
        }
    }

    @Test
    void twoValidatorsForOneKindStopTheGatewayFromStarting() {
        List<ItemValidator<?>> doubled = new ArrayList<>(Validators.all());
        doubled.add(new OrderValidator());

        assertThatThrownBy(() -> new ItemValidation(doubled))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two validators for item type ORDERS");
    }
}
