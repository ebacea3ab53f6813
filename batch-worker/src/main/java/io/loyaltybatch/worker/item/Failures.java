package io.loyaltybatch.worker.item;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells failures of the infrastructure (a database or Redis that is down, restarting, timing out, a lost deadlock)
 * from failures of an item. The first kind is retried without limit and never blames an item; the second kind is
 * retried a few times and then reported as a failed item.
 */
final class Failures {

    private Failures() {}

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof ConnectException
                    || isTransientRedis(t)
                    || isTransientSqlState(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Lettuce: a lost connection or a timeout; a server's error reply (say, from a script) is not transient. */
    private static boolean isTransientRedis(Throwable t) {
        return t instanceof io.lettuce.core.RedisException
                && !(t instanceof io.lettuce.core.RedisCommandExecutionException);
    }

    /** PostgreSQL: connection exceptions (08), operator intervention such as a shutdown (57P), rollbacks (40). */
    private static boolean isTransientSqlState(Throwable t) {
        if (!(t instanceof SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        String state = sql.getSQLState();
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("40");
    }
}
