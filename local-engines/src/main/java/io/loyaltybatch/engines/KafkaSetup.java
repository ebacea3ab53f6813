package io.loyaltybatch.engines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/** Writes a single-node KRaft broker's config files and formats its storage with Kafka's StorageTool. */
final class KafkaSetup {

    private KafkaSetup() {}

    /**
     * Writes {@code server.properties} and {@code logback.xml} into {@code dir}, formats {@code dir/data} if
     * needed and returns the command that runs the broker.
     */
    static List<String> prepare(
            Path dir,
            int port,
            int controllerPort,
            Map<String, String> overrides,
            List<String> jvmArgs,
            String classpath) {
        try {
            Path logs = Files.createDirectories(dir.resolve("logs"));
            Path data = Files.createDirectories(dir.resolve("data"));
            Path serverProperties = dir.resolve("server.properties");
            Path logback = dir.resolve("logback.xml");
            Files.writeString(serverProperties, serverProperties(port, controllerPort, data, overrides));
            Files.writeString(logback, logbackXml(logs.resolve("server.log")));
            // the child logs through SLF4J; pointing Logback at our file beats any logback(-test).xml on the classpath
            String logging = "-Dlogback.configurationFile=" + logback;
            formatIfNeeded(data, serverProperties, logs.resolve("storage-tool.log"));
            List<String> command = new ArrayList<>(List.of(Processes.javaBinary(), logging));
            command.addAll(jvmArgs);
            command.addAll(List.of("-cp", classpath, "kafka.Kafka", serverProperties.toString()));
            return command;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka in " + dir, e);
        }
    }

    static String serverProperties(int port, int controllerPort, Path logDir, Map<String, String> overrides) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // one node: every internal topic must make do with a single replica
        for (String topic : List.of("offsets.topic", "transaction.state.log", "share.coordinator.state.topic")) {
            props.put(topic + ".replication.factor", "1");
            props.put(topic + ".min.isr", "1");
        }
        // one partition each instead of 50: a new broker's first consumer group and first transactional producer
        // wait for these topics to be created and loaded, and one node gains nothing from spreading them
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // after a kill the restarted node must wait out its previous incarnation's session before it may
        // register again: 4 s instead of 9 s halves a crash-restart, and heartbeats stay 8 per session
        props.put("broker.session.timeout.ms", "4000");
        props.put("broker.heartbeat.interval.ms", "500");
        props.putAll(overrides);
        StringBuilder text = new StringBuilder("# written by io.loyaltybatch.engines.KafkaBroker on every start\n");
        props.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** Logback config for the child JVM: everything to one file (rolled at 20 MB, 3 kept), nothing to the console. */
    static String logbackXml(Path logFile) {
        String file =
                logFile.toString().replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
        return "<configuration>\n"
                + "  <appender name=\"FILE\" class=\"ch.qos.logback.core.rolling.RollingFileAppender\">\n"
                + "    <file>" + file + "</file>\n"
                + "    <rollingPolicy class=\"ch.qos.logback.core.rolling.FixedWindowRollingPolicy\">\n"
                + "      <fileNamePattern>" + file + ".%i</fileNamePattern><maxIndex>3</maxIndex>\n"
                + "    </rollingPolicy>\n"
                + "    <triggeringPolicy class=\"ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy\">\n"
                + "      <maxFileSize>20MB</maxFileSize>\n"
                + "    </triggeringPolicy>\n"
                + "    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"FILE\"/></root>\n"
                + "</configuration>\n";
    }

    /**
     * Formats {@code logDir} unless it already holds {@code meta.properties}, so that a persistent directory
     * keeps its cluster id and data across restarts. The format runs in this JVM ({@code StorageTool.execute}, the
     * tool's own entry point without its {@code System.exit}), with a fresh cluster id from {@link Uuid}: two
     * JVM starts fewer on each new broker.
     */
    static void formatIfNeeded(Path logDir, Path serverProperties, Path toolLog) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit;
        synchronized (KafkaSetup.class) {
            try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
                exit = StorageTool.execute(
                        new String[] {"format", "-t", clusterId, "-c", serverProperties.toString(), "--standalone"},
                        out);
            } catch (RuntimeException e) {
                throw new EngineException("cannot format the Kafka log directory " + logDir + ": " + e.getMessage(), e);
            }
        }
        try {
            Files.writeString(toolLog, printed.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + toolLog, e);
        }
        if (exit != 0) {
            throw new EngineException("StorageTool format exited with " + exit + "\n" + Processes.tail(toolLog, 40));
        }
    }
}
