package io.loyaltybatch.engines;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A PostgreSQL server that tests and launchers reach on 127.0.0.1. */
public interface PostgresEngine extends Engine {

    /** The JDBC URL of its database, the same across restarts. */
    String jdbcUrl();

    String username();

    String password();

    /** A file holding the server's log so far (what it would write about failed statements). */
    Path logFile();

    /** A new connection to {@link #jdbcUrl()}; the caller closes it. */
    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), password());
    }
}
