package io.loyaltybatch.worker.item;

import io.loyaltybatch.support.EngineUnavailableException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;

/**
 * Classifies a failure of the items listener by its type alone: an engine that cannot serve
 * ({@link EngineUnavailableException}, thrown by the adapters) is retried without limit and blames no item; anything
 * else is a failure of the item at hand, retried a few times and then reported 5000.
 */
final class FailureClassifier {

    private FailureClassifier() {}

    static boolean isEngineUnavailable(Throwable failure) {
        return withoutContainerWrappers(failure) instanceof EngineUnavailableException;
    }

    /** The failure as the listener threw it, without the wrappers the listener container adds around it. */
    static Throwable withoutContainerWrappers(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ListenerExecutionFailedException
                        || t instanceof BatchListenerFailedException
                        || t instanceof TimestampedException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
