package io.loyaltybatch.worker;

import io.loyaltybatch.engines.LocalEngines;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base class of the worker's integration tests (not a test itself): points the Spring context at the real Kafka,
 * Redis and PostgreSQL servers shared by this JVM.
 *
 * <p>Each test class has a context of its own (its own items topic), so it is closed after the class: its consumers
 * stop polling while the next classes run, and none is left to shut down at JVM exit, when the engines' shutdown
 * hook may already have stopped the servers it would wait for.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class OnSharedEngines {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        LocalEngines.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }
}
