package io.loyaltybatch.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerIT {

    @Test
    void rowsSurviveStopKillAndRestartOnTheSamePort(@TempDir Path dir) throws SQLException {
        try (PostgresServer postgres = new PostgresServer(0, dir)) {
            postgres.start();
            int port = postgres.port();
            assertThat(query(postgres, "select 1")).isEqualTo("1");
            update(postgres, "create table points (member text primary key, balance int)");
            update(postgres, "insert into points values ('alice', 10)");

            postgres.stop();
            assertThat(postgres.isRunning()).isFalse();
            postgres.start();
            assertThat(query(postgres, "select balance from points where member = 'alice'"))
                    .isEqualTo("10");

            update(postgres, "insert into points values ('bob', 20)");
            postgres.kill();
            assertThat(postgres.isRunning()).isFalse();
            postgres.start();
            assertThat(postgres.port()).isEqualTo(port);
            assertThat(query(postgres, "select sum(balance) from points")).isEqualTo("30");
        }
        assertThat(dir.resolve("data/PG_VERSION")).exists();
    }

    @Test
    void throwawayServerClosedAfterAKillLeavesNoDataNorSharedMemory() throws Exception {
        Path data;
        String segment;
        try (PostgresServer postgres = new PostgresServer()) {
            postgres.start();
            data = postgres.dataDir();
            assertThat(postgres.pid()).isPositive();
            assertThat(query(postgres, "select current_user")).isEqualTo("postgres");
            segment = Files.readAllLines(data.resolve("data/postmaster.pid"))
                    .get(6)
                    .strip()
                    .split("\\s+")[1];
            postgres.kill();
            assertThat(postgres.pid()).isEqualTo(-1);
        }
        assertThat(data).doesNotExist();
        assertThat(Files.readAllLines(Path.of("/proc/sysvipc/shm")))
                .noneMatch(line -> line.strip().split("\\s+")[1].equals(segment));
    }

    private static String query(PostgresServer postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void update(PostgresServer postgres, String sql) throws SQLException {
        try (Connection connection = connect(postgres);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static Connection connect(PostgresServer postgres) throws SQLException {
        return postgres.connect();
    }
}
