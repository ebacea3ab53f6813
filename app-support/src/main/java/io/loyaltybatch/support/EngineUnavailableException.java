package io.loyaltybatch.support;

/**
 * Kafka, Redis or PostgreSQL cannot serve a request right now: not reachable, timing out, restarting, read-only after
 * a failover, out of memory, or otherwise answering that it is not available. Nothing about the request or item is
 * wrong, so it is retried without limit (worker) or answered 503 / 5003 with {@code Retry-After} (gateway); it never
 * fails an item. Adapters throw it, translating their technology's exceptions ({@link RedisFailures},
 * {@link JdbcFailures}); everything else classifies failures by this type alone.
 */
public class EngineUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String engine;

    public EngineUnavailableException(String engine, Throwable cause) {
        super(engine + " is unavailable (" + RedactedFailure.describe(cause) + ")", RedactedFailure.of(cause));
        this.engine = engine;
    }

    /** Which engine: {@code Kafka}, {@code Redis} or {@code PostgreSQL}. */
    public String engine() {
        return engine;
    }
}
