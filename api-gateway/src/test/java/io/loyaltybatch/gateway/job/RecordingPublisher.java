package io.loyaltybatch.gateway.job;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.support.EngineUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * An {@link ItemPublisher} that keeps what it was given (visible once {@code beforeCommit} returned), or fails like an
 * unreachable Kafka; it can be held half-way, after its records are written and before they become visible.
 */
class RecordingPublisher implements ItemPublisher {

    final List<ItemEnvelope> published = new CopyOnWriteArrayList<>();
    /** The lane of each publish, "default" for the default lane. */
    final List<String> lanes = new CopyOnWriteArrayList<>();

    volatile boolean down;
    volatile CountDownLatch writing;
    volatile CountDownLatch release;

    @Override
    public void publish(
            String lane, List<ItemEnvelope> items, java.util.function.Consumer<ItemPositions> beforeCommit) {
        if (down && release == null) {
            throw unavailable();
        }
        beforeCommit.accept(new ItemPositions("items", Map.of(0, (long) items.size() - 1)));
        if (release != null) {
            writing.countDown();
            await(release);
            if (down) {
                throw unavailable();
            }
        }
        published.addAll(items);
        lanes.add(lane == null ? "default" : lane);
    }

    /** Holds the next publish after its records are written, until {@link #finish} is called. */
    void holdHalfWay() {
        writing = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    void finish(boolean failing) {
        down = failing;
        release.countDown();
    }

    private static EngineUnavailableException unavailable() {
        return new EngineUnavailableException("Kafka", new RuntimeException("down"));
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
