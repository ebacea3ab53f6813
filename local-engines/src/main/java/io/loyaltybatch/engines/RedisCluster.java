package io.loyaltybatch.engines;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real Redis Cluster of masters on loopback, as {@code redis-cli --cluster create} makes one: the bundled
 * {@code redis-server} binary in cluster mode, one process per master, the 16,384 slots split evenly between them and
 * the nodes introduced to each other ({@code CLUSTER ADDSLOTS}, {@code CLUSTER MEET}). Started, it waits until every
 * node reports {@code cluster_state:ok}. No replicas: a test of the apps against a cluster needs the slots spread over
 * several servers, not failover.
 */
public final class RedisCluster implements Engine {

    private static final int SLOTS = 16_384;
    private static final Duration FORMING_TIMEOUT = Duration.ofSeconds(60);

    private final List<RedisServer> masters;
    private boolean formed;

    /** A throwaway cluster of {@code masters} nodes on free ports, not yet started. */
    public RedisCluster(int masters) {
        if (masters < 1) {
            throw new IllegalArgumentException("a cluster needs at least one master");
        }
        this.masters = IntStream.range(0, masters)
                .mapToObj(i -> RedisServer.clusterNode())
                .toList();
    }

    @Override
    public synchronized void start() {
        LocalEngines.startAll(masters);
        withConnections(nodes -> {
            if (!formed) {
                // each node keeps its view in nodes.conf, so a restarted node rejoins without this
                form(nodes);
                formed = true;
            }
            awaitOk(nodes);
            return null;
        });
    }

    private void form(List<RedisCommands<String, String>> nodes) {
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i)
                    .clusterAddSlots(IntStream.range(SLOTS * i / nodes.size(), SLOTS * (i + 1) / nodes.size())
                            .toArray());
        }
        for (RedisServer other : masters.subList(1, masters.size())) {
            nodes.get(0).clusterMeet("127.0.0.1", other.port());
        }
    }

    private void awaitOk(List<RedisCommands<String, String>> nodes) {
        boolean ok = Processes.await(
                FORMING_TIMEOUT,
                () -> masters.stream().allMatch(RedisServer::isRunning),
                () -> nodes.stream().allMatch(node -> node.clusterInfo().contains("cluster_state:ok")));
        if (!ok) {
            throw new EngineException("the Redis Cluster did not reach cluster_state:ok within " + FORMING_TIMEOUT
                    + ": " + nodes.get(0).clusterInfo());
        }
    }

    /** How many keys matching {@code pattern} (as {@code KEYS} takes it) each master holds, in the order of {@link #nodes()}. */
    public List<Long> keysPerNode(String pattern) {
        return withConnections(nodes ->
                nodes.stream().map(node -> (long) node.keys(pattern).size()).toList());
    }

    private <T> T withConnections(Function<List<RedisCommands<String, String>>, T> work) {
        RedisClient client = RedisClient.create();
        List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
        try {
            for (RedisServer master : masters) {
                connections.add(client.connect(RedisURI.create(master.url())));
            }
            return work.apply(
                    connections.stream().map(StatefulRedisConnection::sync).toList());
        } finally {
            connections.forEach(StatefulRedisConnection::close);
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** {@code 127.0.0.1:<port>,...}, as {@code spring.data.redis.cluster.nodes} takes them. */
    public String nodes() {
        return masters.stream().map(master -> "127.0.0.1:" + master.port()).collect(Collectors.joining(","));
    }

    /** The apps' setting that points them at this cluster instead of a single Redis. */
    public Map<String, String> springEnvironment() {
        return Map.of("SPRING_DATA_REDIS_CLUSTER_NODES", nodes());
    }

    @Override
    public synchronized void stop() {
        masters.forEach(RedisServer::stop);
    }

    @Override
    public synchronized void kill() {
        masters.forEach(RedisServer::kill);
    }

    @Override
    public synchronized boolean isRunning() {
        return masters.stream().allMatch(RedisServer::isRunning);
    }

    @Override
    public synchronized void close() {
        masters.forEach(RedisServer::close);
        formed = false; // their temp dirs, nodes.conf included, are gone
    }

    @Override
    public String toString() {
        return "Redis Cluster of " + masters.size() + " masters on " + nodes();
    }
}
