package io.loyaltybatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

class JdbcFailuresTest {

    private static RuntimeException uncategorized(String sqlState) {
        return new UncategorizedSQLException("insert", "INSERT ...", new SQLException("server said", sqlState));
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "57P01", "57P03", "53300", "40001", "40P01", "55P03"})
    void statesOfADatabaseThatCannotServeNowAreUnavailable(String sqlState) {
        RuntimeException translated = JdbcFailures.translate(uncategorized(sqlState));

        assertThat(translated).isInstanceOf(EngineUnavailableException.class);
        assertThat(((EngineUnavailableException) translated).engine()).isEqualTo("PostgreSQL");
        assertThat(((RedactedFailure) translated.getCause()).sqlState()).isEqualTo(sqlState);
    }

    @ParameterizedTest
    @ValueSource(strings = {"22P05", "23505", "23514", "22003", "42P01"})
    void statesAboutTheStatementAreNot(String sqlState) {
        RuntimeException failure = uncategorized(sqlState);

        assertThat(JdbcFailures.translate(failure)).isSameAs(failure);
    }

    @Test
    void springsTranslatedFailuresAreClassifiedByType() {
        assertThat(JdbcFailures.translate(new CannotGetJdbcConnectionException("no connection")))
                .isInstanceOf(EngineUnavailableException.class);
        assertThat(JdbcFailures.translate(new CannotCreateTransactionException("begin failed")))
                .isInstanceOf(EngineUnavailableException.class);
        assertThat(JdbcFailures.translate(new CannotAcquireLockException("lock timeout")))
                .isInstanceOf(EngineUnavailableException.class);
        DataIntegrityViolationException violation = new DataIntegrityViolationException(
                "check", new PSQLException("new row violates check constraint", PSQLState.CHECK_VIOLATION));
        assertThat(JdbcFailures.translate(violation)).isSameAs(violation);
    }
}
