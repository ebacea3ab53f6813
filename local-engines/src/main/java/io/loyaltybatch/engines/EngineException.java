package io.loyaltybatch.engines;

/** Thrown when a server cannot be started, reached or stopped; the message carries the tail of its log. */
public class EngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, ideally with the tail of the server's log
     */
    public EngineException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, ideally with the tail of the server's log
     * @param cause   the underlying failure
     */
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
