package io.loyaltybatch.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.model.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class BatchRequestParserTest {

    private final BatchRequestParser parser = new BatchRequestParser(new GatewayProperties(3, null, null, null));

    private ApiException rejection(String body) {
        return (ApiException) org.assertj.core.api.Assertions.catchThrowable(
                () -> parser.parse(body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheItemsOfTheBodyArray() {
        assertThat(parser.parse("{\"body\": [{}, {}]}".getBytes(StandardCharsets.UTF_8)))
                .hasSize(2);
    }

    @Test
    void bodyThatIsNotJsonIs3016() {
        ApiException e = rejection("{\"body\": [");
        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
    }

    @Test
    void missingOrNonArrayBodyIs3016() {
        assertThat(rejection("{}").code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(rejection("{\"body\": {}}").code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(rejection("[]").code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(rejection(null).code()).isEqualTo(ErrorCode.MALFORMED_BODY);
    }

    @Test
    void emptyBodyIs3000() {
        ApiException e = rejection("{\"body\": []}");
        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_FIELD);
    }

    @Test
    void tooManyItemsIs422With3011() {
        ApiException e = rejection("{\"body\": [{}, {}, {}, {}]}");
        assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(e.code()).isEqualTo(ErrorCode.BATCH_TOO_LARGE);
        assertThat(e.getMessage()).isEqualTo("A batch holds at most 3 objects; this one has 4");
        assertThat(parser.parse("{\"body\": [{}, {}, {}]}".getBytes(StandardCharsets.UTF_8)))
                .hasSize(3);
    }

    @Test
    void requestNestedDeeperThan64LevelsIs3016() {
        String deep = "{\"body\": [" + "[".repeat(70) + "]".repeat(70) + "]}";
        ApiException e = rejection(deep);
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_BODY);
        assertThat(e.getMessage()).isEqualTo("The request body is nested more than 64 levels deep");
    }

    @Test
    void bodyGivenTwiceOrTrailingContentIs3016() {
        assertThat(rejection("{\"body\": [{}], \"body\": [{}]}").getMessage())
                .isEqualTo("The request body holds \"body\" twice");
        assertThat(rejection("{\"body\": [{}]} {}").code()).isEqualTo(ErrorCode.MALFORMED_BODY);
    }

    @Test
    void otherTopLevelFieldsAreSkippedUnreadEvenWhenHostile() {
        assertThat(parser.parse(
                        "{\"x\": 1e99999999999, \"y\": \"\\u0000\", \"body\": [{}]}".getBytes(StandardCharsets.UTF_8)))
                .hasSize(1);
    }

    @Test
    void aHugeNumberIsReadAsTextAndRefusedWithoutConversion() {
        String huge = "9".repeat(1_000_000);
        var items = parser.parse(("{\"body\": [{\"n\": " + huge + "}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(items.get(0).defect()).isEqualTo("n is a number out of range");
        assertThat(items.get(0).bytes()).isGreaterThan(1_000_000);
    }
}
