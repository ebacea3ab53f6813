package io.loyaltybatch.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.PostgresEngine;
import io.loyaltybatch.schema.JobIdBlocks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Job ids from the real {@code job_ids} sequence of a migrated PostgreSQL server. */
class JdbcJobIdsIT {

    static JdbcTemplate jdbc;

    @BeforeAll
    static void database() {
        PostgresEngine postgres = LocalEngines.shared().postgres();
        var dataSource = new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @Test
    void idsOfABlockFollowEachOtherAndANewBlockStartsAtASequenceValue() {
        JdbcJobIds ids = new JdbcJobIds(jdbc, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        long first = ids.next();
        for (int i = 1; i < JobIdBlocks.SIZE; i++) {
            assertThat(ids.next()).isEqualTo(first + i);
        }
        long nextBlock = ids.next();
        assertThat(nextBlock).isGreaterThanOrEqualTo(first + JobIdBlocks.SIZE);
        assertThat((nextBlock - first) % JobIdBlocks.SIZE).isZero();
    }

    @Test
    void aBlockOlderThanItsMaximumAgeIsLeftForANewOne() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        JdbcJobIds ids = new JdbcJobIds(jdbc, clock);
        long first = ids.next();
        clock.now = clock.now.plus(JobIdBlocks.MAX_AGE);
        assertThat(ids.next()).as("still within the block's age").isEqualTo(first + 1);

        clock.now = clock.now.plus(Duration.ofSeconds(1));
        long afterAge = ids.next();

        assertThat(afterAge).isGreaterThanOrEqualTo(first + JobIdBlocks.SIZE);
        assertThat((afterAge - first) % JobIdBlocks.SIZE).isZero();
        assertThat(ids.next()).isEqualTo(afterAge + 1);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
