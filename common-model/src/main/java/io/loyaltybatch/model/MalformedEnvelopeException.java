package io.loyaltybatch.model;

/**
 * A record on the items topic that cannot be read as an {@link ItemEnvelope}: not JSON, a missing field, or an
 * envelope version this code does not know. Retrying cannot help; such a record belongs on the dead-letter topic.
 */
public class MalformedEnvelopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedEnvelopeException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEnvelopeException(String message) {
        super(message);
    }
}
