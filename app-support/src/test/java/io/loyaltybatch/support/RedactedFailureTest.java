package io.loyaltybatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.BatchUpdateException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class RedactedFailureTest {

    @Test
    void keepsClassesSqlStatesAndStackTracesButNoMessage() {
        BatchUpdateException driver = new BatchUpdateException(
                "Batch entry 0 INSERT INTO customers VALUES ('acme', 'alice', '{\"email\":\"alice@example.com\"}')",
                "22P05",
                new int[0]);
        DataIntegrityViolationException failure =
                new DataIntegrityViolationException("Failing row contains (alice@example.com)", driver);

        RedactedFailure redacted = RedactedFailure.of(failure);
        StringWriter printed = new StringWriter();
        redacted.printStackTrace(new PrintWriter(printed));

        assertThat(printed.toString())
                .doesNotContain("alice")
                .contains("org.springframework.dao.DataIntegrityViolationException")
                .contains("java.sql.BatchUpdateException (SQLState 22P05)")
                .contains("RedactedFailureTest.keepsClassesSqlStatesAndStackTracesButNoMessage");
        assertThat(redacted.sqlState()).isEqualTo("22P05");
        assertThat(redacted.rootCause().failureClass()).isEqualTo("java.sql.BatchUpdateException");
        assertThat(RedactedFailure.describe(failure))
                .isEqualTo("org.springframework.dao.DataIntegrityViolationException caused by "
                        + "java.sql.BatchUpdateException (SQLState 22P05)");
        assertThat(RedactedFailure.of(redacted)).isSameAs(redacted);
    }
}
