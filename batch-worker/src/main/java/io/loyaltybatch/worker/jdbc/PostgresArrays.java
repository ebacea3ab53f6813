package io.loyaltybatch.worker.jdbc;

import java.sql.PreparedStatement;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Statements whose parameters include PostgreSQL arrays, so that many keys or rows travel in one round trip and are
 * joined or inserted with {@code unnest(?::type[], ...)}. Any other parameter is bound as it is.
 */
public final class PostgresArrays {

    /** A parameter sent as an array of the SQL type {@code type}. */
    public record Column(String type, List<?> values) {}

    private PostgresArrays() {}

    public static Column text(List<?> values) {
        return new Column("text", values);
    }

    public static Column bigint(List<?> values) {
        return new Column("bigint", values);
    }

    public static Column integer(List<?> values) {
        return new Column("integer", values);
    }

    public static Column bool(List<?> values) {
        return new Column("boolean", values);
    }

    public static Column timestamptz(List<?> values) {
        return new Column("timestamptz", values);
    }

    public static void query(JdbcTemplate jdbc, String sql, RowCallbackHandler rows, Object... parameters) {
        jdbc.query(statement(sql, parameters), rows);
    }

    public static int update(JdbcTemplate jdbc, String sql, Object... parameters) {
        return jdbc.update(statement(sql, parameters));
    }

    private static PreparedStatementCreator statement(String sql, Object... parameters) {
        return connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Column column) {
                    statement.setArray(
                            i + 1,
                            connection.createArrayOf(
                                    column.type(), column.values().toArray()));
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            return statement;
        };
    }
}
