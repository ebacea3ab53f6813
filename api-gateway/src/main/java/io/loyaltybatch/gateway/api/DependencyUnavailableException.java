package io.loyaltybatch.gateway.api;

/**
 * Kafka or Redis could not be reached in time. Answered with 503 / 5003 and {@code Retry-After}; whoever throws it
 * has made sure that no job is left behind.
 */
public class DependencyUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String dependency;

    public DependencyUnavailableException(String dependency, Throwable cause) {
        super(dependency + " is unavailable", cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
