package io.loyaltybatch.engines;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/** A stand-in for a Spring Boot jar in {@link JavaAppIT}: logs, serves /health, says bye on SIGTERM. */
public final class EchoApp {

    private EchoApp() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String exitCode = System.getenv("EXIT_AT_ONCE");
        if (exitCode != null) {
            System.out.println("failing on purpose");
            System.exit(Integer.parseInt(exitCode));
        }
        System.out.println("hello " + System.getenv("GREETING"));
        HttpServer server =
                HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("PORT"))), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("bye")));
        new CountDownLatch(1).await(); // run until a signal ends the JVM
    }
}
