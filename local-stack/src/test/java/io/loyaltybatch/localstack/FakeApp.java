package io.loyaltybatch.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the gateway and worker jars in {@link LocalStackIT}: prints the settings it was given and
 * serves {@code /actuator/health} (the gateway on its management port). It is the gateway when LOYALTY_DEMO_TENANT_ENABLED is set; the worker
 * exits at once with FAKE_WORKER_EXIT when that is set.
 */
public final class FakeApp {

    private FakeApp() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String role = System.getenv("LOYALTY_DEMO_TENANT_ENABLED") == null ? "worker" : "gateway";
        String exit = System.getenv("FAKE_WORKER_EXIT");
        if (role.equals("worker") && exit != null) {
            System.out.println("worker cannot start on purpose");
            System.exit(Integer.parseInt(exit));
        }
        for (String name : new String[] {
            "SERVER_PORT",
            "SPRING_KAFKA_BOOTSTRAP_SERVERS",
            "SPRING_DATA_REDIS_URL",
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "LOYALTY_DEMO_TENANT_ENABLED"
        }) {
            System.out.println(role + " " + name + "=" + System.getenv(name));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(role + " stopping")));
        String healthPort =
                role.equals("gateway") ? System.getenv("MANAGEMENT_SERVER_PORT") : System.getenv("SERVER_PORT");
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(healthPort)), 0);
        server.createContext("/actuator/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        System.out.println(role + " ready");
        new CountDownLatch(1).await(); // until SIGTERM
    }
}
