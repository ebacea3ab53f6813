package io.loyaltybatch.gateway.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.loyaltybatch.model.ErrorCode;

/** The body of every request-level error. */
@JsonPropertyOrder({"code", "type", "message", "requestId"})
public record ErrorEnvelope(int code, String type, String message, String requestId) {

    public static ErrorEnvelope of(ErrorCode code, String message, String requestId) {
        return new ErrorEnvelope(code.code(), code.type(), message, requestId);
    }
}
