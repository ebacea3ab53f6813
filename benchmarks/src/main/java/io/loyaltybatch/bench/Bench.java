package io.loyaltybatch.bench;

import static io.loyaltybatch.bench.Report.fmt;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.JavaApp;
import io.loyaltybatch.engines.KafkaBroker;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.PostgresServer;
import io.loyaltybatch.engines.RedisServer;
import io.loyaltybatch.model.JobKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark ({@code ./bench.sh}): starts Kafka, Redis and PostgreSQL, the gateway and a worker as processes on
 * this machine, measures the system and, in the same run, the bare pipeline of {@link Ceiling}, then the system again
 * on a ledger aged with {@code --aged-rows} rows. Writes {@code results.json}, {@code results.md} and
 * {@code throughput.png} to {@code --out} and the table into {@code docs/benchmarks.md}. Loopback only; stops by
 * itself.
 */
@Command(
        name = "bench.sh",
        mixinStandardHelpOptions = true,
        description = "Measures the system next to its own ceiling on this machine; see docs/benchmarks.md.")
public final class Bench implements Callable<Integer> {

    @Option(names = "--clients", description = "closed-loop clients (default ${DEFAULT-VALUE})")
    int clients = 8;

    @Option(names = "--jobs", description = "1,000-item jobs per sustained run (default ${DEFAULT-VALUE})")
    int jobs = 240;

    @Option(
            names = "--aged-rows",
            description = "rows put into processed_items and points_ledger for the aged "
                    + "run; 0 skips it (default ${DEFAULT-VALUE})")
    long agedRows = 10_000_000;

    @Option(names = "--open-loop-seconds", description = "length of the fixed-rate run (default ${DEFAULT-VALUE})")
    int openLoopSeconds = 20;

    @Option(names = "--out", description = "folder for the results (default ${DEFAULT-VALUE})")
    Path out = Path.of("docs/benchmarks");

    @Option(names = "--doc", description = "document whose results section is replaced (default ${DEFAULT-VALUE})")
    Path doc = Path.of("docs/benchmarks.md");

    @Option(names = "--gateway-jar", description = "default ${DEFAULT-VALUE}")
    Path gatewayJar = Path.of("api-gateway/target/api-gateway.jar");

    @Option(names = "--worker-jar", description = "default ${DEFAULT-VALUE}")
    Path workerJar = Path.of("batch-worker/target/batch-worker.jar");

    @Option(names = "--heap", description = "-Xmx of the gateway and the worker (default ${DEFAULT-VALUE})")
    String heap = "256m";

    @Option(
            names = "--jvm-arg",
            description = "a further JVM option of the gateway and the worker, e.g. -XX:+UseParallelGC (repeatable)")
    List<String> jvmArgs = new ArrayList<>();

    @Option(names = "--jfr", description = "folder for a Java Flight Recording (profile settings) of each app")
    Path jfr;

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Report report = new Report();

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("bench-");
        if (jfr != null) {
            Files.createDirectories(jfr);
        }
        LocalEngines engines = new LocalEngines(
                new KafkaBroker(0, 0, data.resolve("kafka")),
                new RedisServer(0, data.resolve("redis"), true),
                new PostgresServer(0, data.resolve("postgres")));
        say("Starting Kafka, Redis and PostgreSQL (data in " + data + ") ...");
        engines.start();
        try {
            report.put("machine", machine());
            report.put(
                    "command",
                    "./bench.sh --clients " + clients + " --jobs " + jobs + " --aged-rows " + agedRows
                            + jvmArgs.stream().map(arg -> " --jvm-arg=" + arg).collect(Collectors.joining()));
            report.put("startedAt", Instant.now().toString());
            Measured system = measureSystem(engines, data.resolve("logs-1"));
            report.put("versions", versions(engines));
            Ceiling.Result ceiling = measureCeiling(engines, system);
            if (agedRows > 0) {
                measureAged(engines, data.resolve("logs-2"), system);
            }
            report.write(out, doc, header(ceiling, system));
            say("Wrote " + out.resolve("results.json") + ", results.md, throughput.png and " + doc);
            System.out.println(report.markdown());
            return 0;
        } finally {
            engines.close();
        }
    }

    /** What the first system run measured, for the later comparisons. */
    private record Measured(double customersPerSecond, double mixPerSecond) {}

    private AppProcesses startApps(LocalEngines engines, Path logs) {
        AppProcesses apps = new AppProcesses(engines.springEnvironment(), gatewayJar, workerJar, logs)
                .withJvmArgs("-Xmx" + heap)
                // a load test measures the pipeline, not the tenant's limits
                .withGatewayEnv("LOYALTY_LIMITS_REQUESTSPERSECOND", "100000")
                .withGatewayEnv("LOYALTY_LIMITS_BURST", "100000")
                .withGatewayEnv("LOYALTY_LIMITS_CONCURRENTJOBS", "100000");
        apps.withJvmArgs(jvmArgs.toArray(String[]::new));
        if (!apps.jarsPresent(System.err)) {
            throw new IllegalStateException("build the jars first (bench.sh does)");
        }
        if (jfr != null) {
            // a folder: each JVM writes a file named after its process id there when it exits
            apps.withJvmArgs(
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr.toAbsolutePath());
        }
        apps.startGateway(Duration.ofMinutes(2));
        apps.startWorker("worker", Map.of(), "partitions assigned", Duration.ofMinutes(2));
        return apps;
    }

    private Measured measureSystem(LocalEngines engines, Path logs) throws Exception {
        try (AppProcesses apps = startApps(engines, logs);
                JobWatch watch = new JobWatch(engines.redis().url())) {
            Load load = new Load(apps.demoClient());
            say("Warming up (" + clients * 6 + " jobs) ...");
            sustained(load, watch, customerJobs("warm", clients * 6));

            Map<String, Long> pids = pids(engines, apps);
            Sustained customers = measured(load, watch, pids, "customers", customerJobs("cust", jobs), 20_000);
            Sustained mix = measured(load, watch, pids, "ledger mix", mixJobs(jobs), 15_000);
            double offered = customers.itemsPerSecond() / 2 / Workload.ITEMS;
            say(fmt("Fixed rate: %.1f jobs/s (half the sustained rate) for %d s ...", offered, openLoopSeconds));
            List<Workload.Request> requests = new ArrayList<>();
            for (int i = 0; i < Math.ceil(offered * openLoopSeconds) + 1; i++) {
                requests.add(Workload.customers(run + "-open", i));
            }
            Load.Run open = load.openLoop(requests, offered, Duration.ofSeconds(openLoopSeconds));
            watch.awaitAll(open.jobIds(), Duration.ofMillis(20), Duration.ofMinutes(10));
            Latencies submit = Latencies.ofNanos(open.submitNanos());
            Map<String, Object> openFigures = new LinkedHashMap<>();
            openFigures.put("offeredJobsPerSecond", offered);
            openFigures.put("submitMs", submit);
            report.put("submitAtHalfLoad", openFigures);
            report.row(
                    fmt("submit of a 1,000-item job at %.1f jobs/s (50 %% load)", offered),
                    submit.toString(),
                    "p50 <= 25 ms, p99 <= 80 ms",
                    submit.p50() <= 25 && submit.p99() <= 80);
            say("One 1,000-item job at a time on the idle system, 10 times ...");
            List<Long> idle = new ArrayList<>();
            long finishedJob = -1;
            for (int i = 0; i < 10; i++) {
                Workload.Request request = Workload.customers(run + "-idle", i);
                long sent = System.nanoTime();
                long jobId = load.submit(request);
                watch.awaitAll(List.of(jobId), Duration.ofMillis(1), Duration.ofMinutes(1));
                idle.add(watch.endedAt(jobId) - sent);
                finishedJob = jobId;
            }
            Latencies idleLatency = Latencies.ofNanos(idle);
            report.put("idleJobPostToCompletedMs", idleLatency);
            report.row(
                    "one 1,000-item job, POST to `completed`, idle system (p50 of 10)",
                    fmt("%.0f ms", idleLatency.p50()),
                    "<= 60 ms",
                    idleLatency.p50() <= 60);

            say("Status GET of a finished 1,000-item job ...");
            load.statusReads(finishedJob, 100);
            Latencies get = Latencies.ofNanos(load.statusReads(finishedJob, 1000));
            report.put("statusGetMs", get);
            report.row("status GET of a finished 1,000-item job", get.toString(), "p99 <= 10 ms", get.p99() <= 10);

            return new Measured(customers.itemsPerSecond(), mix.itemsPerSecond());
        }
    }

    private Ceiling.Result measureCeiling(LocalEngines engines, Measured system) throws Exception {
        say("Ceiling: the bare pipeline, " + jobs + " jobs (apps stopped) ...");
        Ceiling.Result ceiling = new Ceiling(engines, 12, clients, 3, 500).run(run, clients * 3, jobs);
        double ratio = system.customersPerSecond() / ceiling.itemsPerSecond();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("result", ceiling);
        figures.put("systemOverCeiling", ratio);
        report.put("ceiling", figures);
        report.row("ceiling (bare pipeline, customers)", fmt("%,.0f items/s", ceiling.itemsPerSecond()), null, null);
        report.row("system / ceiling (customers)", fmt("%.2f", ratio), ">= 0.6", ratio >= 0.6);
        report.bar("ceiling: customers", ceiling.itemsPerSecond());
        return ceiling;
    }

    private void measureAged(LocalEngines engines, Path logs, Measured system) throws Exception {
        say(fmt("Ageing the ledger: %,d rows into processed_items and points_ledger ...", agedRows));
        long started = System.nanoTime();
        Prefill.rows(engines.postgres(), agedRows);
        long processed = Prefill.count(engines.postgres(), "processed_items");
        say(fmt("... done in %.0f s (%,d processed_items rows)", (System.nanoTime() - started) / 1e9, processed));
        try (AppProcesses apps = startApps(engines, logs);
                JobWatch watch = new JobWatch(engines.redis().url())) {
            Load load = new Load(apps.demoClient());
            sustained(load, watch, customerJobs("aged-warm", clients * 3));
            Sustained aged;
            try (ProcessStats stats = new ProcessStats(pids(engines, apps), java.util.Set.of("postgres"))) {
                aged = sustained(load, watch, customerJobs("aged", jobs), stats);
            }
            double ratio = aged.itemsPerSecond() / system.customersPerSecond();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("processedItemsRows", processed);
            figures.put("customers", aged);
            figures.put("agedOverEmpty", ratio);
            report.put("aged", figures);
            report.row(
                    fmt("customers with %,d rows in processed_items and points_ledger", processed),
                    fmt(
                            "%,.0f items/s (%.0f %% of empty); POST to completed %s",
                            aged.itemsPerSecond(), ratio * 100, aged.postToCompletedMs()),
                    "within 10 % of empty",
                    ratio >= 0.9);
            report.bar("system: customers, aged ledger", aged.itemsPerSecond());
        }
    }

    /** A closed-loop run with CPU and memory measured, reported against its target rate. */
    private Sustained measured(
            Load load,
            JobWatch watch,
            Map<String, Long> pids,
            String workload,
            List<List<Workload.Request>> perClient,
            double target)
            throws Exception {
        say(workload + ": " + clients + " closed-loop clients, "
                + perClient.stream().mapToInt(List::size).sum() + " jobs ...");
        Sustained result;
        try (ProcessStats stats = new ProcessStats(pids, java.util.Set.of("postgres"))) {
            result = sustained(load, watch, perClient, stats);
        }
        report.put(workload, result);
        report.row(
                workload + ", sustained, " + clients + " clients",
                fmt("%,.0f items/s", result.itemsPerSecond()),
                fmt(">= %,.0f items/s", target),
                result.itemsPerSecond() >= target);
        report.bar("system: " + workload, result.itemsPerSecond());
        return result;
    }

    /** What a closed-loop run measured. */
    record Sustained(
            int jobs,
            int items,
            double seconds,
            double itemsPerSecond,
            Latencies submitMs,
            Latencies postToCompletedMs,
            long failedItems,
            Map<String, Double> cpuSecondsPer1000Items,
            Map<String, Double> peakRssMb) {}

    private Sustained sustained(Load load, JobWatch watch, List<List<Workload.Request>> perClient) throws Exception {
        return sustained(load, watch, perClient, null);
    }

    private Sustained sustained(Load load, JobWatch watch, List<List<Workload.Request>> perClient, ProcessStats stats)
            throws Exception {
        Map<String, Double> cpuBefore = stats == null ? Map.of() : stats.cpuSeconds();
        Load.Run closed = load.closedLoop(perClient);
        long end = watch.awaitAll(closed.jobIds(), Duration.ofMillis(20), Duration.ofMinutes(15));
        double seconds = (end - closed.firstSentNanos()) / 1e9;
        int items = closed.jobIds().size() * Workload.ITEMS;
        long failed = watch.field(closed.jobIds(), JobKeys.ERRORS).values().stream()
                .mapToLong(value -> value == null ? 0 : Long.parseLong(value))
                .sum();
        Map<String, Double> cpu = new LinkedHashMap<>();
        Map<String, Double> rss = Map.of();
        if (stats != null) {
            stats.cpuSeconds()
                    .forEach((name, after) ->
                            cpu.put(name, (after - cpuBefore.getOrDefault(name, 0.0)) / (items / 1000.0)));
            rss = stats.peakRssMb();
        }
        List<Long> postToCompleted = new ArrayList<>();
        closed.sentNanos().forEach((jobId, sent) -> postToCompleted.add(watch.endedAt(jobId) - sent));
        Sustained result = new Sustained(
                closed.jobIds().size(),
                items,
                seconds,
                items / seconds,
                Latencies.ofNanos(closed.submitNanos()),
                Latencies.ofNanos(postToCompleted),
                failed,
                cpu,
                rss);
        say(fmt(
                "  %,d items in %.1f s: %,.0f items/s; submit %s; %d failed item(s)",
                items, seconds, result.itemsPerSecond(), result.submitMs(), failed));
        return result;
    }

    private List<List<Workload.Request>> customerJobs(String label, int count) {
        List<List<Workload.Request>> perClient = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            perClient.add(new ArrayList<>());
        }
        for (int job = 0; job < count; job++) {
            perClient.get(job % clients).add(Workload.customers(run + "-" + label, job));
        }
        return perClient;
    }

    /** Rounds of six ledger jobs, each round submitted in order by one client. */
    private List<List<Workload.Request>> mixJobs(int count) {
        List<List<Workload.Request>> perClient = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            perClient.add(new ArrayList<>());
        }
        int rounds = Math.max(1, count / 6);
        for (int round = 0; round < rounds; round++) {
            perClient.get(round % clients).addAll(Workload.ledgerRound(run, round));
        }
        return perClient;
    }

    private static Map<String, Long> pids(LocalEngines engines, AppProcesses apps) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (JavaApp app : apps.apps()) {
            pids.put(app.name(), app.pid());
        }
        pids.put("kafka", ((KafkaBroker) engines.kafka()).pid());
        pids.put("redis", ((RedisServer) engines.redis()).pid());
        pids.put("postgres", ((PostgresServer) engines.postgres()).pid());
        pids.put("bench client", ProcessHandle.current().pid());
        return pids;
    }

    private static Map<String, Object> machine() throws Exception {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put(
                "cpu",
                Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).strip())
                        .findFirst()
                        .orElse("?"));
        machine.put(
                "memory", Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " "));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    private static Map<String, Object> versions(LocalEngines engines) throws Exception {
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("kafka", AppInfoParser.getVersion());
        RedisClient client = RedisClient.create(engines.redis().url());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            versions.put(
                    "redis",
                    redis.sync()
                            .info("server")
                            .lines()
                            .filter(line -> line.startsWith("redis_version:"))
                            .map(line ->
                                    line.substring("redis_version:".length()).strip())
                            .findFirst()
                            .orElse("?"));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        try (Connection db = engines.postgres().connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SHOW server_version")) {
            rows.next();
            versions.put("postgresql", rows.getString(1));
        }
        versions.put("project", Bench.class.getPackage().getImplementationVersion());
        return versions;
    }

    private String header(Ceiling.Result ceiling, Measured system) throws Exception {
        Map<String, Object> machine = machine();
        return fmt(
                "Run of %s: `%s` on %s cores (%s), %s. Customers %,.0f items/s, ledger mix %,.0f items/s, "
                        + "ceiling %,.0f items/s. Every figure, the versions and the CPU and memory per process are "
                        + "in [results.json](benchmarks/results.json).%n",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                "./bench.sh --clients " + clients + " --jobs " + jobs + " --aged-rows " + agedRows,
                machine.get("cores"),
                machine.get("cpu"),
                machine.get("java"),
                system.customersPerSecond(),
                system.mixPerSecond(),
                ceiling.itemsPerSecond());
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
