package io.loyaltybatch.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.gateway.GatewayTestSupport;
import io.loyaltybatch.support.EngineUnavailableException;
import io.loyaltybatch.support.JobEnds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stop's side of the fence between ending a job and applying its items ({@code JobFence}), in the gateway as it
 * is wired: the end is recorded in one PostgreSQL transaction that holds the job's exclusive lock until it commits,
 * and it waits for the workers' transactions at most {@code loyalty.gateway.stop-wait}. Workers are played by plain
 * connections taking the shared lock, as the worker's ledger does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "loyalty.gateway.stop-wait=2s")
class JobEndFenceIT {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        GatewayTestSupport.registerEnginesAndTenants(registry);
    }

    @Autowired
    JobEnds ends;

    /** Ten times over, as a stop whose lock ends before its record would lose this race only now and then. */
    @Test
    void aPollThatTakesTheFenceAfterTheStopFindsTheJobEnded() throws Exception {
        for (int round = 0; round < 10; round++) {
            long jobId = newJobId();
            try (Connection applying = transaction();
                    Connection next = transaction()) {
                takeShared(applying, jobId);
                CompletableFuture<Integer> stop =
                        CompletableFuture.supplyAsync(() -> ends.end("acme", jobId, "stopped"));
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingFor(jobId) == 1);
                CompletableFuture<Boolean> nextSeesTheEnd = CompletableFuture.supplyAsync(() -> {
                    takeShared(next, jobId);
                    return ended(next, jobId);
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingFor(jobId) == 2);

                applying.commit();

                assertThat(stop.get(10, TimeUnit.SECONDS))
                        .as("items recorded when the job ended")
                        .isZero();
                assertThat(nextSeesTheEnd.get(10, TimeUnit.SECONDS))
                        .as(
                                "round %d: the poll after the stop finds the job ended, so none of its items applies",
                                round)
                        .isTrue();
                next.rollback();
            }
        }
    }

    @Test
    void aStopWaitsForAPollStillApplyingItemsOfTheJobNoLongerThanItsBound() throws Exception {
        long jobId = newJobId();
        try (Connection applying = transaction()) {
            takeShared(applying, jobId);
            assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> assertThatThrownBy(() -> ends.end("acme", jobId, "stopped"))
                            .isInstanceOf(EngineUnavailableException.class));
            applying.rollback();
        }
        assertThat(ends.end("acme", jobId, "stopped")).isZero();
    }

    /** A job id no worker of another test uses: the lock key's high half is 0, as for every id below 2^31. */
    private static long newJobId() {
        return ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    }

    private static Connection transaction() throws SQLException {
        Connection connection = LocalEngines.shared().postgres().connect();
        connection.setAutoCommit(false);
        return connection;
    }

    /** The worker's side of the fence: the job's shared lock, held to the end of the transaction. */
    private static void takeShared(Connection connection, long jobId) {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock_shared(0, ?)")) {
            lock.setInt(1, (int) jobId);
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean ended(Connection connection, long jobId) {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM job_ends WHERE job_id = ?")) {
            query.setLong(1, jobId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sessions waiting for the job's fence lock. */
    private static long waitingFor(long jobId) throws SQLException {
        try (Connection connection = LocalEngines.shared().postgres().connect();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_locks"
                        + " WHERE locktype = 'advisory' AND NOT granted AND classid = 0 AND objid::bigint = ?"
                        + " AND objsubid = 2")) {
            query.setLong(1, jobId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
