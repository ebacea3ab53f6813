package io.loyaltybatch.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** A PostgreSQL server in a container ({@code testcontainers-postgresql}), the same major version as the process one. */
final class PostgresContainerEngine extends ContainerEngine<PostgreSQLContainer> implements PostgresEngine {

    static final String IMAGE = "postgres:14-alpine";

    private final Path logFile;

    @SuppressWarnings("resource") // closed by close()
    PostgresContainerEngine() {
        super(
                new PostgreSQLContainer(IMAGE)
                        .withDatabaseName("postgres")
                        .withUsername("postgres")
                        .withPassword("postgres"),
                5432);
        try {
            logFile = Files.createTempFile("postgres-container", ".log");
            logFile.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    boolean ready() {
        try (Connection connection = connect()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    /** The container's log so far, copied into a file. */
    @Override
    public Path logFile() {
        try {
            return Files.writeString(logFile, container.getLogs(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
