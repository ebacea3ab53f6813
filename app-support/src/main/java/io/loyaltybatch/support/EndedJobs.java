package io.loyaltybatch.support;

import static io.loyaltybatch.support.RedisFailures.call;

import io.loyaltybatch.model.JobKeys;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * Jobs that ended leave the watchdog's index ({@link JobKeys#ACTIVE_JOBS}) through here, and their end notices
 * become due ({@link JobKeys#ENDED_JOBS}): first added to the notices (unless already there), then removed from the
 * index, in two commands in that order. A crash between them leaves the job in both, and whoever removes it next (the
 * watchdog at the latest) adds it again, harmlessly: so every ended job's notice is due at least once.
 */
public final class EndedJobs {

    private EndedJobs() {}

    public static void leaveActive(StringRedisTemplate redis, Collection<String> jobIds, Instant now) {
        if (jobIds.isEmpty()) {
            return;
        }
        Set<TypedTuple<String>> due = jobIds.stream()
                .map(jobId -> TypedTuple.of(jobId, (double) now.toEpochMilli()))
                .collect(Collectors.toSet());
        call(() -> redis.opsForZSet().addIfAbsent(JobKeys.ENDED_JOBS, due));
        call(() -> redis.opsForZSet().remove(JobKeys.ACTIVE_JOBS, jobIds.toArray()));
    }
}
