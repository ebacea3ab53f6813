package io.loyaltybatch.gateway.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.CustomerProfile;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemValidationTest {

    private final ItemValidation validation = Validators.validation();

    private ValidatedItem validate(String json) {
        return validation
                .validate(ItemType.CUSTOMERS, List.of(SubmittedItems.of(json)))
                .get(0);
    }

    private static ValidatedItem.Rejected rejected(ValidatedItem item) {
        assertThat(item).isInstanceOf(ValidatedItem.Rejected.class);
        return (ValidatedItem.Rejected) item;
    }

    @Test
    void acceptsTheFlatFormOfThePublicExample() {
        ValidatedItem item = validate("""
                {"customerId": " 12345 ", "email": "john.doe@example.com", "name": "John Doe", "gender": "M",
                 "dateOfBirth": "1990-01-01", "joinDate": "2022-01-01", "tags": ["vip"],
                 "custom": {"favorite_color": "blue", "loyalty_points": 1500}}""");

        assertThat(item).isInstanceOf(ValidatedItem.Accepted.class);
        ValidatedItem.Accepted accepted = (ValidatedItem.Accepted) item;
        assertThat(accepted.customerId()).isEqualTo("12345");
        CustomerProfile profile = (CustomerProfile) accepted.payload();
        assertThat(profile.displayName()).isEqualTo("John Doe");
        assertThat(profile.custom()).containsEntry("loyalty_points", 1500);
        assertThat(profile.mobile()).isNull();
    }

    @Test
    void nestedAttributesWinOverFlatFields() {
        ValidatedItem.Accepted accepted = (ValidatedItem.Accepted) validate("""
                {"customerId": "c", "name": "Flat", "customerAttributes": {"displayName": "Nested",
                 "dateOfBirth": "1990-01-01T10:00:00Z", "country": "EG"}}""");

        CustomerProfile profile = (CustomerProfile) accepted.payload();
        assertThat(profile.displayName()).isEqualTo("Nested");
        assertThat(profile.dateOfBirth()).isEqualTo("1990-01-01");
        assertThat(profile.country()).isEqualTo("EG");
    }

    @Test
    void missingCustomerIdIs3000() {
        ValidatedItem.Rejected rejected = rejected(validate("{\"email\": \"a@b.co\"}"));

        assertThat(rejected.result().code()).isEqualTo(ErrorCode.MISSING_FIELD);
        assertThat(rejected.result().message()).isEqualTo("customerId is required");
    }

    @Test
    void blankCustomerIdIs3000() {
        assertThat(rejected(validate("{\"customerId\": \"   \"}")).result().code())
                .isEqualTo(ErrorCode.MISSING_FIELD);
    }

    @Test
    void overlongCustomerIdIs3003() {
        String id = "x".repeat(101);
        assertThat(rejected(validate("{\"customerId\": \"" + id + "\"}"))
                        .result()
                        .code())
                .isEqualTo(ErrorCode.INVALID_VALUE);
    }

    @Test
    void invalidEmailIs3003AndKeepsTheCustomerId() {
        ValidatedItem.Rejected rejected = rejected(validate("{\"customerId\": \"67890\", \"email\": \"nope\"}"));

        assertThat(rejected.result().code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(rejected.result().message()).isEqualTo("Invalid email address");
        assertThat(rejected.result().customerId()).isEqualTo("67890");
    }

    @Test
    void wrongTypesAre3003() {
        assertThat(rejected(validate("{\"customerId\": 5}")).result().code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(rejected(validate("{\"customerId\": \"c\", \"guest\": \"yes\"}"))
                        .result()
                        .message())
                .isEqualTo("guest must be true or false");
        assertThat(rejected(validate("{\"customerId\": \"c\", \"dateOfBirth\": \"1990-13-01\"}"))
                        .result()
                        .message())
                .isEqualTo("dateOfBirth is not a valid date");
        assertThat(rejected(validate("{\"customerId\": \"c\", \"tags\": [1]}"))
                        .result()
                        .code())
                .isEqualTo(ErrorCode.INVALID_VALUE);
    }

    @Test
    void anItemThatIsNotAnObjectIs3003() {
        ValidatedItem.Rejected rejected = rejected(validate("\"just text\""));

        assertThat(rejected.result().code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(rejected.index()).isZero();
    }

    @Test
    void textNoStoreCanHoldFailsTheItemNamingTheFieldWithoutEchoingIt() {
        ValidatedItem.Rejected nul = rejected(validate("{\"customerId\": \"c-1\", \"email\": \"a\\u0000@b.co\"}"));
        assertThat(nul.result().code()).isEqualTo(ErrorCode.INVALID_VALUE);
        assertThat(nul.result().message()).isEqualTo("email contains a NUL character");
        assertThat(nul.result().customerId()).isEqualTo("c-1");

        ValidatedItem.Rejected surrogate = rejected(
                validate(
                        "{\"customerId\": \"c\", \"customerAttributes\": {\"custom\": {\"x\\u0000\": 1, \"y\": \"\\udc00\"}}}"));
        assertThat(surrogate.result().message())
                .isEqualTo("customerAttributes.custom.? has a field name that contains a NUL character");

        ValidatedItem.Rejected badId = rejected(validate("{\"customerId\": \"\\u0000\"}"));
        assertThat(badId.result().message()).isEqualTo("customerId contains a NUL character");
        assertThat(badId.result().customerId()).isNull();
    }

    @Test
    void numbersOutOfRangeDuplicateKeysAndDeepNestingFailTheItem() {
        assertThat(rejected(validate("{\"customerId\": \"c\", \"custom\": {\"n\": 1e99999999999}}"))
                        .result()
                        .message())
                .isEqualTo("custom.n is a number out of range");
        assertThat(rejected(validate("{\"customerId\": \"c\", \"custom\": {\"n\": " + "9".repeat(41) + "}}"))
                        .result()
                        .message())
                .isEqualTo("custom.n is a number out of range");
        assertThat(rejected(validate("{\"customerId\": \"c\", \"guest\": true, \"guest\": false}"))
                        .result()
                        .message())
                .isEqualTo("guest is given more than once");
        String deep = "{\"customerId\": \"c\", \"custom\": " + "[".repeat(10) + "1" + "]".repeat(10) + "}";
        assertThat(rejected(validate(deep)).result().message())
                .isEqualTo("custom[0][0][0][0][0][0][0][0][0] is nested deeper than 10 levels");
        assertThat(validate(
                        "{\"customerId\": \"c\", \"custom\": {\"n\": " + "[".repeat(8) + "1" + "]".repeat(8) + "}}"))
                .isInstanceOf(ValidatedItem.Accepted.class);
    }

    @Test
    void anItemLargerThan64KibIs3003() {
        String item = "{\"customerId\": \"c\", \"ignored\": \"" + "x".repeat(65_536) + "\"}";
        assertThat(rejected(validate(item)).result().message()).isEqualTo("An item may be at most 65536 bytes");
        assertThat(rejected(validate(item)).result().customerId()).isEqualTo("c");
    }

    @Test
    void customAndTagsAreBounded() {
        assertThat(rejected(validate("{\"customerId\": \"c\", \"custom\": {\"x\": \"" + "y".repeat(8200) + "\"}}"))
                        .result()
                        .message())
                .isEqualTo("custom may be at most 8192 bytes of JSON");
        assertThat(rejected(validate("{\"customerId\": \"c\", \"tags\": [" + "\"t\", ".repeat(50) + "\"t\"]}"))
                        .result()
                        .message())
                .isEqualTo("tags may hold at most 50 strings");
        assertThat(rejected(validate("{\"customerId\": \"c\", \"dateOfBirth\": \"+10000-01-01\"}"))
                        .result()
                        .code())
                .isEqualTo(ErrorCode.INVALID_VALUE);
    }
}
