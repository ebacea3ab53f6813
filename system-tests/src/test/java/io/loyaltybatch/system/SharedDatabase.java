package io.loyaltybatch.system;

import io.loyaltybatch.engines.LocalEngines;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads of the shared test engines' PostgreSQL, on a connection of their own. */
final class SharedDatabase {

    /** Sets a statement's parameters. */
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private SharedDatabase() {}

    /** The number in the first column of the first row {@code sql} answers. */
    static long number(String sql, Binder binder) throws SQLException {
        try (Connection connection = LocalEngines.shared().postgres().connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
