-- Jobs ended before all their items took effect (stopped by a client, or failed by the watchdog). Workers hold a
-- shared advisory lock on each job they apply items of, from the check of this table to their commit; ending a job
-- takes the exclusive lock first. So once the row is committed, no further item of the job takes effect.
CREATE TABLE job_ends (
    job_id    bigint      PRIMARY KEY,
    tenant_id text        NOT NULL,
    reason    text        NOT NULL,
    ended_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_ends_ended_at ON job_ends (ended_at);
