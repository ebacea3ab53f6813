package io.loyaltybatch.engines;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the tests' shared engines ({@link LocalEngines#shared()}) run as, chosen with the system property
 * {@code engines}: {@code processes} (the default: child processes of binaries from Maven Central, no Docker needed)
 * or {@code containers} (Docker containers through Testcontainers). Any other value is refused, so a mistyped switch
 * never silently runs the other kind.
 */
public enum EngineKind {
    PROCESSES,
    CONTAINERS;

    /** The system property that chooses, e.g. {@code ./mvnw verify -Dengines=containers}. */
    public static final String PROPERTY = "engines";

    /** The kind named by the system property {@value #PROPERTY}. */
    public static EngineKind selected() {
        return named(System.getProperty(PROPERTY));
    }

    /**
     * @param value {@code processes}, {@code containers} (any case), or null / blank for the default
     * @throws IllegalArgumentException for any other value
     */
    public static EngineKind named(String value) {
        if (value == null || value.isBlank()) {
            return PROCESSES;
        }
        for (EngineKind kind : values()) {
            if (kind.name().equalsIgnoreCase(value.strip())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not one of "
                + Arrays.stream(values()).map(EngineKind::toString).collect(Collectors.joining(", ")));
    }

    /** Engines of this kind on free ports with temporary data, not yet started. */
    public LocalEngines create() {
        return switch (this) {
            case PROCESSES -> new LocalEngines(new KafkaBroker(), new RedisServer(), new PostgresServer());
            case CONTAINERS ->
                new LocalEngines(new KafkaContainerEngine(), new RedisContainerEngine(), new PostgresContainerEngine());
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
