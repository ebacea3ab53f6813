package io.loyaltybatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.loyaltybatch.engines.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every script that changes a job's status, run against a real Redis server from every status a job can be in: the
 * status afterwards is the one before, or one the state machine allows, reached by exactly the moves the script
 * reported. A script that made any other move fails here.
 */
class JobScriptsIT {

    private static final RedisServer REDIS = new RedisServer();
    private static final AtomicLong JOB_IDS = new AtomicLong(System.nanoTime());
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration TTL = Duration.ofHours(1);
    private static RedisClient client;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void start() {
        REDIS.start();
        client = RedisClient.create(REDIS.url());
        redis = client.connect().sync();
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        REDIS.close();
    }

    private static ItemResult result(int index, boolean ok) {
        return ok
                ? ItemResult.success(index, "c", "ok")
                : ItemResult.failure(index, "c", ErrorCode.ITEM_NOT_PROCESSED, "Item could not be processed");
    }

    private static JobScriptCalls.Result recorded(int index, boolean ok) {
        return new JobScriptCalls.Result(index, ok, WireCodec.encode(result(index, ok)));
    }

    /** The calls that may move a job of two items, from any status, named for the report. */
    static Stream<Arguments> moves() {
        List<Arguments> moves = new ArrayList<>();
        List<Named> calls = List.of(
                new Named("claim-starts", id -> JobScriptCalls.claimStarts(id, "acme", NOW)),
                new Named(
                        "record-results, one of two",
                        id -> JobScriptCalls.recordResults(id, NOW, TTL, List.of(recorded(0, true)))),
                new Named(
                        "record-results, the last one succeeded",
                        id -> JobScriptCalls.recordResults(
                                id, NOW, TTL, List.of(recorded(0, true), recorded(1, false)))),
                new Named(
                        "record-results, all failed",
                        id -> JobScriptCalls.recordResults(
                                id, NOW, TTL, List.of(recorded(0, false), recorded(1, false)))),
                new Named(
                        "end-job stopped",
                        id -> JobScriptCalls.endJob(id, "acme", JobStatus.STOPPED, null, 1, NOW, TTL)),
                new Named(
                        "end-job failed",
                        id -> JobScriptCalls.endJob(id, null, JobStatus.FAILED, "reason", 0, NOW, TTL)));
        for (JobStatus status : JobStatus.values()) {
            for (Named call : calls) {
                moves.add(Arguments.of(status, call));
            }
        }
        return moves.stream();
    }

    record Named(String name, LongFunction<JobScriptCalls.Call> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("moves")
    void aScriptMakesOnlyTheMovesTheStateMachineAllowsAndReportsThem(JobStatus before, Named call) {
        long jobId = JOB_IDS.incrementAndGet();
        run(
                ScriptOutputType.INTEGER,
                JobScriptCalls.createJob(jobId, "acme", ItemType.CUSTOMERS, 2, NOW, TTL, TTL, List.of()));
        redis.hset(JobKeys.header(jobId), JobKeys.STATUS, before.wireName());

        JobScriptCalls.Moved moved =
                JobScriptCalls.moved(run(ScriptOutputType.MULTI, call.call().apply(jobId)));

        JobStatus after = JobStatus.fromWireName(redis.hget(JobKeys.header(jobId), JobKeys.STATUS));
        JobStatus reached = before;
        for (JobTransition move : moved.moves()) {
            assertThat(move.from())
                    .as("each reported move starts where the last ended")
                    .isEqualTo(reached);
            reached = move.to();
        }
        assertThat(after).as("status after the moves reported").isEqualTo(reached);
        if (before.isTerminal()) {
            assertThat(after).as("a terminal status never changes").isEqualTo(before);
        }
    }

    private static Object run(ScriptOutputType type, JobScriptCalls.Call call) {
        return redis.eval(
                call.script().source(),
                type,
                call.keys().toArray(String[]::new),
                call.args().toArray(String[]::new));
    }
}
