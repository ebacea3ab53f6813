package io.loyaltybatch.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import io.loyaltybatch.engines.JavaApp;
import io.loyaltybatch.model.CustomerProfile;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.WireCodec;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Contract section 8 where it is hard: gateway, workers and every engine are separate processes, killed, stopped,
 * restarted and scaled while jobs of 1,000 items run. Each scenario ends with exact checks ({@link Verification})
 * and prints its figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    private static final Duration DRAIN = Duration.ofMinutes(4);
    private static ChaosSystem system;
    private static Verification verification;
    private final Random random = new Random(8);

    @BeforeAll
    static void start() {
        system = new ChaosSystem().start();
        verification = new Verification(system.engines().postgres());
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    /** A scenario that failed may leave its workers in any state: the next one starts from new ones. */
    @RegisterExtension
    final TestWatcher freshWorkersAfterAFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            system.stopWorkers();
        }
    };

    /**
     * 11 jobs: customers, then two rounds of orders, cashback, adjustments, events and redemptions. Exactly-once shows
     * as well on 11,000 items as on more, as long as each fault lands mid-job, which every scenario asserts.
     */
    private static Workload workload(String name) {
        return new Workload(name, system.api()).submitCustomers().submitRound().submitRound();
    }

    /** Waits until this share of the workload is processed, and proves the job is still running then. */
    private static void awaitShare(Workload workload, double share) {
        await().atMost(DRAIN)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> workload.processed() >= share * workload.items());
        assertThat(workload.processed()).as("still mid-job").isLessThan(workload.items());
    }

    private static long drain(Workload workload, long startedAt) {
        await().atMost(DRAIN)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> workload.progress().values().stream().allMatch(c -> c[0] + c[1] + c[2] == c[3]));
        return System.nanoTime() - startedAt;
    }

    private static void report(String scenario, Workload workload, String actions, long drainNanos)
            throws SQLException {
        Verification.Figures figures = verification.verify(workload);
        System.out.printf(
                "CHAOS %-22s jobs=%d items=%d %s lost=%d doubled=%d drain=%.1fs%n",
                scenario,
                workload.jobs().size(),
                workload.items(),
                actions,
                figures.lost(),
                figures.doubled(),
                drainNanos / 1e9);
    }

    @Test
    @Order(1)
    void killingWorkersMidJobLosesAndDoublesNothing() throws SQLException {
        List<JavaApp> workers = system.workers(2);
        long started = System.nanoTime();
        Workload workload = workload("kill");
        int kills = 0;
        for (double share : new double[] {0.15, 0.4, 0.65}) {
            awaitShare(workload, share);
            JavaApp victim = workers.remove(random.nextInt(workers.size()));
            victim.kill();
            kills++;
            workers.add(system.startWorkerInBackground());
        }
        report("kill -9 workers", workload, "kills=" + kills + " restarts=" + kills, drain(workload, started));
    }

    @Test
    @Order(2)
    void scalingFromOneWorkerToThreeAndBackLosesAndDoublesNothing() throws SQLException {
        JavaApp first = system.workers(1).get(0);
        long started = System.nanoTime();
        Workload workload = new Workload("scale", system.api())
                .submitCustomers()
                .submitRound()
                .submitRound();
        // jobs submitted while the extra workers start, while all three run, and after two of them left
        List<JavaApp> added = List.of(system.startWorkerInBackground(), system.startWorkerInBackground());
        // keep a round queued while they join and until both consume, so that every rebalance meets items in flight
        // (the workers drain a round in about a second: the backlog is topped up at every look)
        await().atMost(DRAIN)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    if (workload.items() - workload.processed() < Workload.ROUND_ITEMS) {
                        workload.submitRound();
                    }
                    return added.stream().allMatch(worker -> system.recordsConsumed(worker) > 0)
                            && workload.processed() < workload.items();
                });
        // more items on every partition, so that the two leave with records of the job still to come
        workload.submitRound().submitRound();
        assertThat(workload.processed())
                .as("the extra workers leave while mid-job")
                .isLessThan(workload.items());
        added.forEach(JavaApp::stop);
        workload.submitRound();
        assertThat(first.isRunning()).isTrue();
        report("scale 1->3->1", workload, "started=2 stopped=2", drain(workload, started));
    }

    @Test
    @Order(3)
    void restartingTheKafkaBrokerMidJobLosesAndDoublesNothing() throws SQLException {
        system.workers(2);
        long started = System.nanoTime();
        Workload workload = workload("kafka");
        awaitShare(workload, 0.3);
        system.engines().kafka().stop();
        try {
            assertUnavailable(system.api().submit("customers", "{\"body\": [{\"customerId\": \"x\"}]}"));
        } finally {
            system.engines().kafka().start();
        }
        workload.submitRound();
        report("kafka broker restart", workload, "broker-restarts=1", drain(workload, started));
    }

    @Test
    @Order(4)
    void restartingRedisThenPostgresMidJobLosesAndDoublesNothing() throws SQLException {
        system.workers(2);
        long started = System.nanoTime();
        Workload workload = workload("stores");
        awaitShare(workload, 0.25);
        system.engines().redis().stop();
        try {
            assertUnavailable(system.api().submit("customers", "{\"body\": [{\"customerId\": \"x\"}]}"));
            assertUnavailable(system.api().status(workload.jobs().get(0).jobId()));
        } finally {
            system.engines().redis().start();
        }
        awaitShare(workload, 0.6);
        system.engines().postgres().stop();
        int processedWhileDown;
        try {
            // a worker met the outage with items in hand
            awaitAnyWorkerLogs("waits and is retried: PostgreSQL is unavailable");
            processedWhileDown = workload.processed();
        } finally {
            system.engines().postgres().start();
        }
        assertThat(processedWhileDown).isLessThan(workload.items());
        report("redis, postgres restart", workload, "redis-restarts=1 postgres-restarts=1", drain(workload, started));
    }

    @Test
    @Order(5)
    void poisonRecordsAreDeadLetteredWithoutHoldingUpOthers() throws SQLException {
        system.workers(1);
        long started = System.nanoTime();
        try (TopicWriter topic = new TopicWriter(system.engines().kafka().bootstrapServers())) {
            Workload workload = new Workload("poison", system.api()).submitCustomers();
            String key = "demo/" + workload.customer(7);
            var notJson = topic.write(ChaosSystem.ITEMS_TOPIC, key, "{\"v\": 1, not json");
            var unknownVersion = topic.write(ChaosSystem.ITEMS_TOPIC, key, "{\"v\": 99, \"tenant\": \"demo\"}");
            workload.submitRound().submitRound();
            long drained = drain(workload, started);

            for (var poison : List.of(notJson, unknownVersion)) {
                var dead = topic.readDeadLetter(ChaosSystem.DEAD_LETTER_TOPIC, poison);
                assertThat(dead.header("kafka_dlt-original-topic")).isEqualTo(ChaosSystem.ITEMS_TOPIC);
                assertThat(dead.intHeader("kafka_dlt-original-partition")).isEqualTo(poison.partition());
                assertThat(dead.longHeader("kafka_dlt-original-offset")).isEqualTo(poison.offset());
                assertThat(dead.header("loyalty-dlt-cause-fqcn"))
                        .isEqualTo("io.loyaltybatch.model.MalformedEnvelopeException");
                assertThat(dead.headers()).doesNotContainKey("kafka_dlt-exception-message");
            }
            report("poison records", workload, "poison=2 dead-lettered=2", drained);
        }
    }

    @Test
    @Order(6)
    void anItemThatKeepsFailingIsReported5000AndDeadLettered() throws SQLException {
        system.workers(1);
        long started = System.nanoTime();
        try (TopicWriter topic = new TopicWriter(system.engines().kafka().bootstrapServers());
                JobWriter jobs = new JobWriter(system.engines().redis().url())) {
            Workload workload = new Workload("failing", system.api()).submitCustomers();
            FailingJob failing = FailingJob.write(jobs, topic, workload, 500);
            workload.submitRound();
            long drained = drain(workload, started);

            await().atMost(DRAIN).until(() -> "completed".equals(statusOf(failing.jobId())));
            var status = WireCodec.mapper()
                    .readTree(system.api().status(failing.jobId()).body());
            assertThat(status.get("finishedCount").asInt()).isEqualTo(Workload.ITEMS - 1);
            assertThat(status.get("errorCount").asInt()).isEqualTo(1);
            assertThat(status.get("response").get("failed").get(0).get("code").asInt())
                    .isEqualTo(5000);
            assertThat(status.get("response").get("failed").get(0).get("index").asInt())
                    .isEqualTo(500);
            var dead = topic.readDeadLetter(ChaosSystem.DEAD_LETTER_TOPIC, failing.badRecord());
            assertThat(dead.header("loyalty-dlt-cause-fqcn")).isEqualTo("java.time.format.DateTimeParseException");
            report("failing item", workload, "failing=1 reported-5000=1 dead-lettered=1", drained);
        }
    }

    @Test
    @Order(7)
    void sigtermToAWorkerHandsBackItsBatchWithoutDuplicates() throws SQLException {
        JavaApp leaving = system.workers(2).get(0);
        long started = System.nanoTime();
        Workload workload = workload("sigterm");
        awaitShare(workload, 0.3);
        int exit = leaving.stop();
        assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
        report("sigterm worker", workload, "sigterms=1 exit=" + exit, drain(workload, started));
    }

    @Test
    @Order(8)
    void aPostgresOutageLongerThanTheStallTimeoutCancelsNoQueuedItem() throws SQLException {
        system.workers(2);
        long started = System.nanoTime();
        Workload workload = workload("outage");
        awaitShare(workload, 0.2);
        Instant down = Instant.now();
        system.engines().postgres().stop();
        try (JobWriter redis = new JobWriter(system.engines().redis().url())) {
            awaitAnyWorkerLogs("waits and is retried: PostgreSQL is unavailable");
            // the watchdog looked at every unfinished job after its stall timeout had passed, and left it waiting
            double lookedAfter =
                    down.plus(ChaosSystem.STALL_TIMEOUT).plusSeconds(1).toEpochMilli();
            await().atMost(DRAIN)
                    .until(() -> workload.progress().entrySet().stream()
                            .filter(job -> job.getValue()[4] == 0)
                            .allMatch(job -> {
                                Double score = redis.activeScore(job.getKey());
                                return score != null && score > lookedAfter;
                            }));
            assertThat(workload.processed()).as("still mid-job").isLessThan(workload.items());
        } finally {
            system.engines().postgres().start();
        }
        report("postgres down > stall", workload, "outage-over-stall-timeout=1", drain(workload, started));
    }

    @Test
    @Order(9)
    void redisRefusingWritesMidJobStoresNo5000ForAnItemNeverApplied() throws SQLException {
        system.workers(2);
        long started = System.nanoTime();
        Workload workload = workload("refusals");
        try (JobWriter redis = new JobWriter(system.engines().redis().url())) {
            awaitShare(workload, 0.2);
            refuseWritesFor(
                    redis,
                    () -> redis.admin().configSet("maxmemory", "1"),
                    () -> redis.admin().configSet("maxmemory", "0"));
            awaitShare(workload, 0.5);
            refuseWritesFor(
                    redis,
                    () -> redis.admin().replicaof("127.0.0.1", 1),
                    () -> redis.admin().replicaofNoOne());
        }
        report("redis OOM, READONLY", workload, "oom=1 readonly=1", drain(workload, started));
    }

    /** Makes Redis refuse writes until workers have been refused many more times than an item is tried. */
    private static void refuseWritesFor(JobWriter redis, Runnable refuse, Runnable heal) {
        long before = redis.refusedScripts();
        refuse.run();
        try {
            await().atMost(DRAIN).until(() -> redis.refusedScripts() - before >= 30);
        } finally {
            heal.run();
        }
    }

    @Test
    @Order(10)
    void aPoisonValueInOneTenantsJobDoesNotHoldUpAnotherTenantsJobOnItsPartition() {
        system.workers(1);
        try (TopicWriter topic = new TopicWriter(system.engines().kafka().bootstrapServers());
                JobWriter jobs = new JobWriter(system.engines().redis().url())) {
            long poisonJob = (System.currentTimeMillis() / 1000) << 21;
            jobs.create(poisonJob, "demo", ItemType.CUSTOMERS, 1);
            var profile =
                    WireCodec.mapper().convertValue(Map.of("email", "x\u0000@example.com"), CustomerProfile.class);
            ItemEnvelope poison =
                    ItemEnvelope.of("demo", poisonJob, 0, ItemType.CUSTOMERS, "nul\u0000customer", profile);
            List<TopicWriter.Written> written = topic.writeInTransaction(
                    ChaosSystem.ITEMS_TOPIC,
                    List.of(Map.entry(poison.partitionKey(), WireCodec.encode(poison))),
                    landed -> jobs.recordPositions(poisonJob, ChaosSystem.ITEMS_TOPIC, landed));
            // another tenant's 1,000 customers: about a twelfth of them queue behind the poison on its partition
            Response submitted = system.otherTenant().submit("customers", customersBody("neighbour", 1000));
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
            long neighbourJob =
                    WireCodec.mapper().readTree(submitted.body()).get("jobId").asLong();

            await().atMost(DRAIN).until(() -> "completed".equals(statusOf(system.otherTenant(), neighbourJob)));
            var neighbour = WireCodec.mapper()
                    .readTree(system.otherTenant().status(neighbourJob).body());
            assertThat(neighbour.get("finishedCount").asInt()).isEqualTo(1000);
            await().atMost(DRAIN).until(() -> "failed".equals(statusOf(system.api(), poisonJob)));
            var poisoned =
                    WireCodec.mapper().readTree(system.api().status(poisonJob).body());
            assertThat(poisoned.get("response").get("failed").get(0).get("code").asInt())
                    .isEqualTo(5000);
            var dead = topic.readDeadLetter(ChaosSystem.DEAD_LETTER_TOPIC, written.get(0));
            assertThat(dead.header("loyalty-dlt-item")).isEqualTo(poisonJob + "/0");
            System.out.printf(
                    "CHAOS %-22s jobs=2 items=1001 poison=1 reported-5000=1 neighbour-completed=1000%n",
                    "poison next to tenant");
        }
    }

    private static String customersBody(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> "{\"customerId\": \"" + prefix + "-" + i + "\"}")
                .collect(java.util.stream.Collectors.joining(",", "{\"body\": [", "]}"));
    }

    private static void awaitAnyWorkerLogs(String text) {
        await().atMost(DRAIN)
                .until(() -> system.runningWorkers().stream()
                        .anyMatch(worker -> worker.logTail(400).contains(text)));
    }

    private static String statusOf(BatchApiClient api, long jobId) {
        return WireCodec.mapper()
                .readTree(api.status(jobId).body())
                .get("status")
                .asString();
    }

    private static String statusOf(long jobId) {
        return WireCodec.mapper()
                .readTree(system.api().status(jobId).body())
                .get("status")
                .asString();
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(WireCodec.mapper().readTree(response.body()).get("code").asInt())
                .isEqualTo(5003);
        assertThat(response.header("Retry-After")).isPresent();
    }
}
