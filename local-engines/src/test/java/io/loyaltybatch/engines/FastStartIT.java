package io.loyaltybatch.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast start's way out: a jar it cannot prepare starts from itself. (Its way in, a Spring Boot jar prepared once
 * and started from the copy, is what every system and chaos test does with the gateway and the worker.)
 */
class FastStartIT {

    @TempDir
    Path dir;

    @Test
    void aJarThatIsNoSpringBootJarStartsFromItselfAndTheLogSaysWhy() throws IOException {
        Path jar = dir.resolve("plain.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream empty = new JarOutputStream(out, manifest)) {
            empty.finish();
        }

        FastStart.Launch launch = FastStart.of(jar, Map.of());

        assertThat(launch.jar()).isEqualTo(jar.toAbsolutePath().normalize());
        assertThat(launch.jvmOptions()).isEmpty();
        assertThat(dir.resolve("fast-start/plain-extract.log")).content().contains("no main manifest attribute");
        assertThat(dir.resolve("fast-start/plain/stamp")).doesNotExist();
    }
}
