package io.loyaltybatch.gateway.job;

import io.loyaltybatch.support.JdbcFailures;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Job ids from the PostgreSQL sequence {@code job_ids}, reserved in blocks: each {@code nextval} hands this gateway
 * the {@value #BLOCK} ids that start there (the sequence steps by as much). A sequence never repeats a value, not
 * even after a crash, so ids stay unique across gateways and restarts without trusting Redis or a clock; the database
 * is asked once per {@value #BLOCK} jobs.
 */
@Component
class JdbcJobIds implements JobIds {

    /** Ids per block; the {@code INCREMENT} of the sequence. */
    static final int BLOCK = 1000;

    private final JdbcTemplate jdbc;
    private long next;
    private long end;

    JdbcJobIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public synchronized long next() {
        if (next == end) {
            Long start = JdbcFailures.call(() -> jdbc.queryForObject("SELECT nextval('job_ids')", Long.class));
            next = start;
            end = start + BLOCK;
        }
        return next++;
    }
}
