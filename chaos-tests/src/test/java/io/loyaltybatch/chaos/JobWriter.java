package io.loyaltybatch.chaos;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScriptCalls;
import java.time.Duration;
import java.time.Instant;

/** Writes a job to Redis with the gateway's own script, for scenarios that publish its items themselves. */
final class JobWriter implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    JobWriter(String redisUrl) {
        client = RedisClient.create(redisUrl);
        connection = client.connect();
    }

    void create(long jobId, String tenantId, ItemType type, int itemCount) {
        run(
                ScriptOutputType.INTEGER,
                JobScriptCalls.createJob(
                        jobId,
                        tenantId,
                        type,
                        itemCount,
                        Instant.now(),
                        Duration.ofDays(1),
                        Duration.ofDays(1),
                        java.util.List.of()));
        connection.sync().zadd(JobKeys.ACTIVE_JOBS, System.currentTimeMillis(), Long.toString(jobId));
    }

    /** Notes where the job's records landed, as the gateway does for the items it publishes. */
    void recordPositions(long jobId, String topic, java.util.Collection<TopicWriter.Written> written) {
        java.util.Map<Integer, Long> last = new java.util.HashMap<>();
        written.forEach(w -> last.merge(w.partition(), w.offset(), Math::max));
        run(ScriptOutputType.INTEGER, JobScriptCalls.recordPositions(jobId, new ItemPositions(topic, last)));
    }

    private void run(ScriptOutputType type, JobScriptCalls.Call call) {
        connection
                .sync()
                .eval(
                        call.script().source(),
                        type,
                        call.keys().toArray(String[]::new),
                        call.args().toArray(String[]::new));
    }

    /** The job's score in the watchdog's index (last progress, or last look), or null if it is not there. */
    Double activeScore(long jobId) {
        return connection.sync().zscore(JobKeys.ACTIVE_JOBS, Long.toString(jobId));
    }

    /** Script runs Redis refused or failed, as Redis counts them. */
    long refusedScripts() {
        String stats = connection.sync().info("commandstats");
        long refused = 0;
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("cmdstat_eval:")) {
                for (String field : line.substring(13).split(",")) {
                    if (field.startsWith("rejected_calls=") || field.startsWith("failed_calls=")) {
                        refused += Long.parseLong(field.substring(field.indexOf('=') + 1));
                    }
                }
            }
        }
        return refused;
    }

    /** Runs an administrative command on the server, such as {@code CONFIG SET} or {@code REPLICAOF}. */
    io.lettuce.core.api.sync.RedisCommands<String, String> admin() {
        return connection.sync();
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
