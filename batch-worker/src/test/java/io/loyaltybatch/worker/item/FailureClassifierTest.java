package io.loyaltybatch.worker.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.support.EngineUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class FailureClassifierTest {

    private static final EngineUnavailableException REDIS_DOWN =
            new EngineUnavailableException("Redis", new RuntimeException("LOADING"));

    @Test
    void anEngineThatCannotServeIsRecognisedThroughTheContainersWrappers() {
        assertThat(FailureClassifier.isEngineUnavailable(REDIS_DOWN)).isTrue();
        assertThat(FailureClassifier.isEngineUnavailable(new ListenerExecutionFailedException("listener", REDIS_DOWN)))
                .isTrue();
        assertThat(FailureClassifier.isEngineUnavailable(new ListenerExecutionFailedException(
                        "listener", new BatchListenerFailedException("item", REDIS_DOWN, 3))))
                .isTrue();
    }

    @Test
    void everythingElseIsTheItemsOwnFailureHoweverDeepAnEngineFailureHides() {
        assertThat(FailureClassifier.isEngineUnavailable(
                        new ListenerExecutionFailedException("listener", new ItemFailedException(0, REDIS_DOWN))))
                .isFalse();
        assertThat(FailureClassifier.isEngineUnavailable(new BatchListenerFailedException(
                        "item", new DataIntegrityViolationException("check violated"), 0)))
                .isFalse();
        // an adapter that did not translate its engine's failure gets no special treatment: classification is by type
        assertThat(FailureClassifier.isEngineUnavailable(new RedisSystemException("READONLY", null)))
                .isFalse();
    }
}
