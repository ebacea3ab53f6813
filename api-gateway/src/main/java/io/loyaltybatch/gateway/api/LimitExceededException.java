package io.loyaltybatch.gateway.api;

import io.loyaltybatch.model.ErrorCode;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** 429 / 2029: a tenant's limit was reached; the answer carries {@code Retry-After} and the RateLimit headers. */
public class LimitExceededException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> headers;

    public LimitExceededException(String message, Map<String, String> headers) {
        super(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.LIMIT_EXCEEDED, message);
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }
}
