package io.loyaltybatch.gateway.api;

import java.io.IOException;

/** Thrown while reading a request body that exceeds the configured byte limit. */
public class RequestTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    public RequestTooLargeException(long limit) {
        super("Request body exceeds " + limit + " bytes");
    }
}
