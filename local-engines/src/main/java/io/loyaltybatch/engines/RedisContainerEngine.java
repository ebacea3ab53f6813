package io.loyaltybatch.engines;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** A Redis server in a container, append-only like the local stack's. */
final class RedisContainerEngine extends ContainerEngine<GenericContainer<?>> implements RedisEngine {

    static final String IMAGE = "redis:7.4-alpine";

    @SuppressWarnings("resource") // closed by close()
    RedisContainerEngine() {
        super(
                new GenericContainer<>(DockerImageName.parse(IMAGE))
                        .withExposedPorts(6379)
                        .withCommand("redis-server", "--appendonly", "yes"),
                6379);
    }

    @Override
    boolean ready() {
        return RedisServer.pong(port);
    }

    @Override
    public String url() {
        return "redis://127.0.0.1:" + port;
    }
}
