package io.loyaltybatch.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes a single-node KRaft broker's config files and formats its storage with Kafka's StorageTool. */
final class KafkaSetup {

    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

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
            formatIfNeeded(
                    List.of(Processes.javaBinary(), logging, "-cp", classpath),
                    data,
                    serverProperties,
                    logs.resolve("storage-tool.log"));
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
     * keeps its cluster id and data across restarts.
     */
    static void formatIfNeeded(List<String> javaCommand, Path logDir, Path serverProperties, Path toolLog) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = lastLineOf(run(javaCommand, toolLog, "random-uuid"));
        if (!CLUSTER_ID.matcher(clusterId).matches()) {
            throw new EngineException("StorageTool random-uuid printed '" + clusterId + "', not a cluster id\n"
                    + Processes.tail(toolLog, 40));
        }
        run(javaCommand, toolLog, "format", "-t", clusterId, "-c", serverProperties.toString(), "--standalone");
    }

    /** Runs StorageTool with stderr to {@code toolLog}; stdout is returned (the cluster id must be clean). */
    private static String run(List<String> javaCommand, Path toolLog, String... args) {
        List<String> command = new ArrayList<>(javaCommand);
        command.add("kafka.tools.StorageTool");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(toolLog.toFile()))
                    .start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(
                    toolLog, out, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new EngineException(
                        "StorageTool " + args[0] + " exited with " + exit + "\n" + Processes.tail(toolLog, 40));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run StorageTool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while running StorageTool", e);
        }
    }

    private static String lastLineOf(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }
}
