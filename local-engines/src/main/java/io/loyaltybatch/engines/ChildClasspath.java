package io.loyaltybatch.engines;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The classpath for child JVMs that run classes of this JVM's classpath (such as the Kafka broker). */
final class ChildClasspath {

    private ChildClasspath() {}

    /**
     * This JVM's {@code java.class.path} with every entry made absolute, because the child runs in another
     * working directory. A manifest-only jar (as surefire/failsafe or {@code java -jar} give) works too: its
     * {@code Class-Path} entries are resolved relative to the jar itself.
     */
    static String current() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
