package io.loyaltybatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;

class RedisFailuresTest {

    /** How Spring Data Redis hands a server's error reply to its callers. */
    private static RuntimeException reply(String message) {
        return new RedisSystemException("Error in execution", new RedisCommandExecutionException(message));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "LOADING Redis is loading the dataset in memory",
                "READONLY You can't write against a read only replica.",
                "OOM command not allowed when used memory > 'maxmemory'.",
                "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.",
                "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
                "CLUSTERDOWN The cluster is down",
                "TRYAGAIN Multiple keys request during rehashing of slot",
                "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.",
                "ERR max number of clients reached",
                "ERR Error running script (call to f_99da): @user_script:1: @user_script: 1: -OOM command not allowed"
                        + " when used memory > 'maxmemory'.",
                "ERR Error running script (call to f_99da): @user_script:1: @user_script: 1: -READONLY You can't write"
                        + " against a read only replica."
            })
    void errorRepliesOfAServerThatCannotServeNowAreUnavailable(String message) {
        RuntimeException translated = RedisFailures.translate(reply(message));

        assertThat(translated).isInstanceOf(EngineUnavailableException.class);
        assertThat(((EngineUnavailableException) translated).engine()).isEqualTo("Redis");
        assertThat(translated.getMessage()).doesNotContain(message);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "WRONGTYPE Operation against a key holding the wrong kind of value",
                "ERR Error running script (call to f_1): @user_script:3: user_script:3: attempt to compare nil",
                "ERR unknown command 'FOO'",
                "NOSCRIPT No matching script. Please use EVAL."
            })
    void otherErrorRepliesAreNotAboutAvailability(String message) {
        RuntimeException failure = reply(message);

        assertThat(RedisFailures.translate(failure)).isSameAs(failure);
    }

    @org.junit.jupiter.api.Test
    void lostConnectionsAndTimeoutsAreUnavailable() {
        assertThat(RedisFailures.translate(new RedisConnectionFailureException("refused")))
                .isInstanceOf(EngineUnavailableException.class);
        assertThat(RedisFailures.translate(new QueryTimeoutException("slow")))
                .isInstanceOf(EngineUnavailableException.class);
        assertThat(RedisFailures.translate(new RedisConnectionException("reset")))
                .isInstanceOf(EngineUnavailableException.class);
        assertThat(RedisFailures.translate(new RedisCommandTimeoutException("timed out")))
                .isInstanceOf(EngineUnavailableException.class);
        IllegalStateException bug = new IllegalStateException("a bug");
        assertThat(RedisFailures.translate(bug)).isSameAs(bug);
    }
}
