package io.loyaltybatch.engines;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JVM shutdown hook that closes whatever is still open, last started first.
 *
 * <p>A single hook instead of one per server because the JVM runs hooks concurrently: closing in reverse
 * start order means apps are stopped before the engines they use, and no child process outlives the JVM.
 */
final class ShutdownHooks {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHooks.class);
    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static boolean installed;

    private ShutdownHooks() {}

    static synchronized void register(AutoCloseable resource) {
        if (!installed) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::closeAll, "local-engines-shutdown"));
            installed = true;
        }
        OPEN.remove(resource);
        OPEN.push(resource);
    }

    static synchronized void unregister(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static synchronized AutoCloseable next() {
        return OPEN.poll();
    }

    private static void closeAll() {
        for (AutoCloseable resource = next(); resource != null; resource = next()) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not close {} at JVM exit", resource, e);
            }
        }
    }
}
