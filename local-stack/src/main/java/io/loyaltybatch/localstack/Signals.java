package io.loyaltybatch.localstack;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGINT and SIGTERM into a callback instead of JVM shutdown, so the launcher can stop apps before
 * engines in order and still exit 0 (a JVM ended by a signal exits 130 or 143).
 *
 * <p>Uses {@code sun.misc.Signal} through reflection: it is exported by jdk.unsupported, but naming it in
 * source is a javac warning that cannot be suppressed, and the build treats warnings as errors.
 */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    /** Runs {@code action} on the signal thread each time SIGINT or SIGTERM arrives. */
    static void onTermination(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(
                    Signals.class.getClassLoader(), new Class<?>[] {handlerClass}, handler(action));
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : List.of("INT", "TERM")) {
                handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // without it a signal still closes everything through local-engines' shutdown hook, only the
            // exit code is then 130/143
            LOG.warn("Cannot trap SIGINT/SIGTERM ({}); relying on the JVM shutdown hook", e.toString());
        }
    }

    private static InvocationHandler handler(Runnable action) {
        return (proxy, method, args) -> switch (method.getName()) {
            case "handle" -> {
                action.run();
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "local-stack signal handler";
        };
    }
}
