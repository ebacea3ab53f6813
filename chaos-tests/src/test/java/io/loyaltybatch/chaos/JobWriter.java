package io.loyaltybatch.chaos;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobKeys;
import io.loyaltybatch.model.JobScripts;
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
        String now = JobKeys.timestamp(Instant.now());
        connection
                .sync()
                .eval(
                        JobScripts.CREATE_JOB.source(),
                        ScriptOutputType.INTEGER,
                        new String[] {JobKeys.header(jobId), JobKeys.results(jobId)},
                        tenantId,
                        type.pathName(),
                        Integer.toString(itemCount),
                        now,
                        "86400",
                        "86400",
                        "0");
        connection.sync().zadd(JobKeys.ACTIVE_JOBS, System.currentTimeMillis(), Long.toString(jobId));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
