package io.loyaltybatch.gateway.job;

import io.loyaltybatch.support.EngineUnavailableException;

/** Hands out job ids. */
public interface JobIds {

    /**
     * A new job id: positive, below 2^53 (exact in JavaScript), never handed out before by any gateway, whatever
     * happened to Redis or to the clocks.
     *
     * @throws EngineUnavailableException if the store behind the ids cannot be reached
     */
    long next();
}
