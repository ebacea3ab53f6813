package io.loyaltybatch.engines;

/** A Redis server that tests and launchers reach on 127.0.0.1. */
public interface RedisEngine extends Engine {

    /** {@code redis://127.0.0.1:<port>}, the same across restarts. */
    String url();
}
