package io.loyaltybatch.support;

/**
 * Records in the ledger that a job ends before all its items took effect: a stop, or a failure by the watchdog.
 * Whatever answers the end to a client does so only after this returned.
 */
public interface JobEnds {

    /**
     * Records the end (once; a second call changes nothing) after every transaction applying items of the job has
     * finished. From its return on, no further item of the job takes effect.
     *
     * @return how many items of the job the ledger holds records of: they took effect (or failed) and count; every
     *         other item of the job never will
     * @throws EngineUnavailableException if the database cannot serve, or a transaction applying the job's items did
     *                                    not finish in time
     */
    int end(String tenantId, long jobId, String reason);
}
