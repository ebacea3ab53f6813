package io.loyaltybatch.support;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Tells which Redis failures mean "Redis cannot serve now": a lost or refused connection, a timeout, and the error
 * replies of a server that is loading its data, read-only after a failover, out of memory, busy with a script, or
 * without its cluster. Redis 6 reports an error raised inside a script as {@code ERR Error running script ...: -OOM
 * ...}, Redis 7 as {@code OOM ...}; both are recognised.
 */
public final class RedisFailures {

    private static final Pattern UNAVAILABLE_REPLY =
            Pattern.compile("(^|: -)(LOADING|READONLY|OOM|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|NOREPLICAS|MISCONF)\\b"
                    + "|^ERR max number of clients reached");

    private RedisFailures() {}

    /** Runs a Redis call, turning an unavailable Redis into {@link EngineUnavailableException}. */
    public static <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** {@link EngineUnavailableException} if {@code failure} means Redis cannot serve now, else {@code failure}. */
    public static RuntimeException translate(RuntimeException failure) {
        return isUnavailable(failure) ? new EngineUnavailableException("Redis", failure) : failure;
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EngineUnavailableException
                    || t instanceof RedisConnectionFailureException
                    || t instanceof QueryTimeoutException
                    || t instanceof RedisConnectionException
                    || t instanceof RedisCommandTimeoutException
                    || t instanceof RedisCommandInterruptedException) {
                return true;
            }
            if (t instanceof RedisCommandExecutionException reply
                    && reply.getMessage() != null
                    && UNAVAILABLE_REPLY.matcher(reply.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }
}
