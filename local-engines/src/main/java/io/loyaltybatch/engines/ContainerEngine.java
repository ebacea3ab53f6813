package io.loyaltybatch.engines;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;

/**
 * An engine run as a Docker container through Testcontainers, with the same contract as a process engine: its port
 * on 127.0.0.1 is fixed when it is created (so clients reconnect after a restart), {@link #stop()} and {@link #kill()}
 * keep the container and its data, and {@link #start()} after them starts the same container again. {@link #close()}
 * removes it.
 */
abstract class ContainerEngine<C extends GenericContainer<?>> implements Engine {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    protected final C container;
    protected final int port;
    private boolean created;

    /**
     * @param containerPort the port the server listens on inside the container, published on {@link #port}
     */
    ContainerEngine(C container, int containerPort) {
        this.container = container;
        this.port = Processes.freePort();
        container.withCreateContainerCmdModifier(command -> command.getHostConfig()
                .withPortBindings(new PortBinding(
                        Ports.Binding.bindIpAndPort("127.0.0.1", port), new ExposedPort(containerPort))));
    }

    /** Whether the server in the container accepts clients now. */
    abstract boolean ready();

    @Override
    public synchronized void start() {
        if (!created) {
            container.start();
            created = true;
        } else if (!isRunning()) {
            container
                    .getDockerClient()
                    .startContainerCmd(container.getContainerId())
                    .exec();
        }
        if (!Processes.await(READY_TIMEOUT, this::isRunning, this::ready)) {
            throw new EngineException(
                    this + " did not become ready within " + READY_TIMEOUT + "\n" + container.getLogs());
        }
    }

    @Override
    public synchronized void stop() {
        if (isRunning()) {
            container
                    .getDockerClient()
                    .stopContainerCmd(container.getContainerId())
                    .exec();
        }
    }

    @Override
    public synchronized void kill() {
        if (isRunning()) {
            container
                    .getDockerClient()
                    .killContainerCmd(container.getContainerId())
                    .exec();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return created
                && Boolean.TRUE.equals(container
                        .getDockerClient()
                        .inspectContainerCmd(container.getContainerId())
                        .exec()
                        .getState()
                        .getRunning());
    }

    @Override
    public synchronized void close() {
        if (created) {
            container.stop();
            created = false;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " (" + container.getDockerImageName() + " on 127.0.0.1:" + port + ")";
    }
}
