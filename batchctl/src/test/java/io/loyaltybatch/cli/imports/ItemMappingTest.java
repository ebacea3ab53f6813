package io.loyaltybatch.cli.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ItemMappingTest {

    @Test
    void dottedColumnsNestAndValuesAreTypedWhileIdsAndContactsStayText() {
        ItemMapping mapping = new ItemMapping(List.of(
                "customerId",
                "customerAttributes.displayName",
                "customerAttributes.mobile",
                "customerAttributes.dateOfBirth",
                "custom.visits",
                "custom.vip",
                "totalPaid",
                "orderId",
                "code:string",
                "_line"));

        assertThat(mapping.item(List.of(
                                "00123", "Ann", "0100200", "1990-01-02", "12", "true", "120.50", "77", "42", "9"))
                        .toString())
                .isEqualTo("{\"customerId\":\"00123\",\"customerAttributes\":{\"displayName\":\"Ann\","
                        + "\"mobile\":\"0100200\",\"dateOfBirth\":\"1990-01-02\"},\"custom\":{\"visits\":12,"
                        + "\"vip\":true},\"totalPaid\":120.50,\"orderId\":\"77\",\"code\":\"42\"}");
    }

    @Test
    void anEmptyCellLeavesItsFieldOutAndAForcedTypeIsChecked() {
        ItemMapping mapping = new ItemMapping(List.of("customerId", "points:number", "vip:boolean"));

        assertThat(mapping.item(List.of("c", "", "")).toString()).isEqualTo("{\"customerId\":\"c\"}");
        assertThatThrownBy(() -> mapping.item(List.of("c", "ten", "")))
                .hasMessage("column points:number: \"ten\" is not a number");
        assertThatThrownBy(() -> mapping.item(List.of("c", "1", "yes")))
                .hasMessage("column vip:boolean: \"yes\" is not true or false");
        assertThatThrownBy(() -> mapping.item(List.of("c", "1")))
                .hasMessage("the row has 2 fields where the header has 3");
    }

    @Test
    void columnsThatNameTheSameFieldOrAnUnknownTypeAreRefused() {
        assertThatThrownBy(() -> new ItemMapping(List.of("custom", "custom.tier")))
                .hasMessageContaining("name the same field");
        assertThatThrownBy(() -> new ItemMapping(List.of("a..b"))).hasMessageContaining("empty name");
        assertThatThrownBy(() -> new ItemMapping(List.of("x:date"))).hasMessageContaining("string, number or boolean");
    }
}
