package io.loyaltybatch.support;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells which PostgreSQL failures mean "the database cannot serve now": no connection (SQLState class 08), the server
 * shutting down or restarting (57P), out of resources (53), a serialization failure or deadlock that a retry resolves
 * (40), a lock not granted within {@code lock_timeout} (55P03), a timeout, or a transaction that could not be begun or
 * committed. Any other failure is about the statement,
 * and so about the items it carried.
 */
public final class JdbcFailures {

    private JdbcFailures() {}

    /** Runs database work, turning an unavailable database into {@link EngineUnavailableException}. */
    public static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** {@link EngineUnavailableException} if {@code failure} means PostgreSQL cannot serve now, else {@code failure}. */
    public static RuntimeException translate(RuntimeException failure) {
        return isUnavailable(failure) ? new EngineUnavailableException("PostgreSQL", failure) : failure;
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EngineUnavailableException
                    || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || (t instanceof SQLException sql && unavailableState(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailableState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("57P")
                        || state.startsWith("53")
                        || state.startsWith("40")
                        || state.equals("55P03"));
    }
}
