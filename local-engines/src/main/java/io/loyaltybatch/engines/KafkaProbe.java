package io.loyaltybatch.engines;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Decides when a starting broker is ready: its port accepts connections and describeCluster answers. */
final class KafkaProbe {

    private KafkaProbe() {}

    /** True once the broker is ready; false on timeout or as soon as {@code alive} turns false. */
    static boolean awaitReady(BooleanSupplier alive, int port, Duration timeout) {
        // wait for the port first, so the admin client does not log a warning for every refused connection
        if (!Processes.await(timeout, alive, () -> portOpen(port))) {
            return false;
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        Admin admin = Admin.create(config);
        try {
            return Processes.await(timeout, alive, () -> hasNodes(admin));
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasNodes(Admin admin) {
        try {
            DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs(2000);
            return !admin.describeCluster(options)
                    .nodes()
                    .get(3, TimeUnit.SECONDS)
                    .isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for Kafka", e);
        }
    }
}
