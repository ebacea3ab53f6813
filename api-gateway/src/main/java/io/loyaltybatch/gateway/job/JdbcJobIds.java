package io.loyaltybatch.gateway.job;

import io.loyaltybatch.schema.JobIdBlocks;
import io.loyaltybatch.support.JdbcFailures;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Job ids from the PostgreSQL sequence {@code job_ids}, reserved in blocks ({@link JobIdBlocks}): each {@code nextval}
 * hands this gateway the ids that start there (the sequence steps by as much). A sequence never repeats a value, not
 * even after a crash, so ids stay unique across gateways and restarts without trusting Redis or a clock; the database
 * is asked once per block.
 *
 * <p>A block is used for at most {@link JobIdBlocks#MAX_AGE}: the records of processed items are kept in partitions
 * by job id, and a partition is dropped only when the sequence went past it longer ago than the retention plus that
 * age, so no id handed out late lands in a partition about to go.
 */
@Component
class JdbcJobIds implements JobIds {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private long next;
    private long end;
    private Instant reservedAt = Instant.MIN;

    JdbcJobIds(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public synchronized long next() {
        Instant now = clock.instant();
        if (next == end || now.isAfter(reservedAt.plus(JobIdBlocks.MAX_AGE))) {
            Long start = JdbcFailures.call(() -> jdbc.queryForObject("SELECT nextval('job_ids')", Long.class));
            next = start;
            end = start + JobIdBlocks.SIZE;
            reservedAt = now;
        }
        return next++;
    }
}
