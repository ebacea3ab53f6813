package io.loyaltybatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ScheduledTasksTest {

    @Test
    void eachFailureIsOneWarningLineWithItsReasonAndNoTrace() {
        Logger log = (Logger) LoggerFactory.getLogger("scheduled-tasks-test");
        log.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        AtomicInteger runs = new AtomicInteger();
        Runnable task = ScheduledTasks.oneLinePerFailure(log, "The watchdog", Duration.ofMinutes(1), () -> {
            runs.incrementAndGet();
            throw new EngineUnavailableException("Redis", new IllegalStateException("alice@example.com refused"));
        });

        task.run();
        task.run();

        assertThat(runs).hasValue(2);
        assertThat(lines.list).hasSize(2).allSatisfy(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
            assertThat(line.getFormattedMessage())
                    .startsWith("The watchdog failed and runs again in PT1M: ")
                    .contains("Redis")
                    .doesNotContain("alice@example.com");
        });
    }
}
