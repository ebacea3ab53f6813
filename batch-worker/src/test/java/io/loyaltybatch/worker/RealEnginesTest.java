package io.loyaltybatch.worker;

import io.loyaltybatch.engines.LocalEngines;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the worker's integration tests: the real Kafka, Redis and PostgreSQL servers shared by this JVM. */
public abstract class RealEnginesTest {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        LocalEngines.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
    }
}
