package io.loyaltybatch.support;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A failure as it may be logged or sent on: the class and, for a database error, the SQLState of each exception in
 * the chain, with the original stack traces, but none of the messages. Messages of drivers and parsers quote the
 * values they choke on (emails, profile JSON, statement parameters), and those must never reach a log line or a
 * dead-letter header.
 */
public final class RedactedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String failureClass;
    private final String sqlState;

    private RedactedFailure(Throwable original, RedactedFailure cause) {
        super(describeOne(original), cause, false, true);
        this.failureClass = original.getClass().getName();
        this.sqlState = original instanceof SQLException sql ? sql.getSQLState() : null;
        setStackTrace(original.getStackTrace());
    }

    /** {@code failure} and its causes, redacted; an already redacted chain is returned as it is. */
    public static RedactedFailure of(Throwable failure) {
        if (failure == null) {
            return null;
        }
        if (failure instanceof RedactedFailure redacted) {
            return redacted;
        }
        return redact(failure, new IdentityHashMap<>());
    }

    private static RedactedFailure redact(Throwable failure, Map<Throwable, Boolean> seen) {
        if (failure instanceof RedactedFailure redacted) {
            return redacted;
        }
        seen.put(failure, Boolean.TRUE);
        Throwable cause = failure.getCause();
        RedactedFailure redactedCause = cause == null || seen.containsKey(cause) ? null : redact(cause, seen);
        return new RedactedFailure(failure, redactedCause);
    }

    /** The class name and SQLState (if any) of {@code failure} and of its deepest cause, without any message. */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        RedactedFailure redacted = of(failure);
        RedactedFailure root = redacted.rootCause();
        return root == redacted ? redacted.getMessage() : redacted.getMessage() + " caused by " + root.getMessage();
    }

    private static String describeOne(Throwable failure) {
        if (failure instanceof RedactedFailure redacted) {
            return redacted.getMessage();
        }
        String name = failure.getClass().getName();
        return failure instanceof SQLException sql && sql.getSQLState() != null
                ? name + " (SQLState " + sql.getSQLState() + ")"
                : name;
    }

    /** The deepest failure of the chain. */
    public RedactedFailure rootCause() {
        RedactedFailure current = this;
        while (current.getCause() instanceof RedactedFailure next) {
            current = next;
        }
        return current;
    }

    /** The class name of the original failure. */
    public String failureClass() {
        return failureClass;
    }

    /** The first SQLState found along the chain, or null. */
    public String sqlState() {
        for (RedactedFailure current = this; current != null; current = (RedactedFailure) current.getCause()) {
            if (current.sqlState != null) {
                return current.sqlState;
            }
        }
        return null;
    }
}
