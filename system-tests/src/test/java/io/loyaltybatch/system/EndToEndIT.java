package io.loyaltybatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import io.loyaltybatch.engines.JavaApp;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.engines.SeedRequests;
import io.loyaltybatch.model.WireCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Whole jobs through the gateway and worker processes, as a client sees them. */
class EndToEndIT {

    /** The customers request of the public documentation, unchanged. */
    private static final String SEED_CUSTOMERS = SeedRequests.CUSTOMERS;

    private static AppProcesses system;
    private static JavaApp worker;
    private static final int WORKER_PORT = LocalEngines.freePort();

    @BeforeAll
    static void start() {
        system = AppProcesses.forTests(LocalEngines.shared());
        system.startGateway(Duration.ofSeconds(90));
        // small polls and one consumer thread keep a 1,000-item job running long enough to stop it mid-way
        worker = system.launchWorker(
                "worker-1",
                WORKER_PORT,
                Map.of(
                        "SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "20",
                        "SPRING_KAFKA_LISTENER_CONCURRENCY", "1"));
        worker.awaitLogLine("Started WorkerApplication", Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static JsonNode json(Response response) {
        return WireCodec.mapper().readTree(response.body());
    }

    private static long submit(BatchApiClient api, String type, String body) {
        Response response = api.submit(type, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return json(response).get("jobId").asLong();
    }

    private static JsonNode awaitStatus(BatchApiClient api, long jobId, String status) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> status.equals(json(api.status(jobId)).get("status").asString()));
        return json(api.status(jobId));
    }

    @Test
    void seedCustomersRequestCompletesAndARepeatUpdates() {
        BatchApiClient api = system.demoClient();

        long jobId = submit(api, "customers", SEED_CUSTOMERS);
        JsonNode done = awaitStatus(api, jobId, "completed");

        assertThat(done.get("operation").asString()).isEqualTo("Customer Creation Batch Job");
        assertThat(done.get("finishedCount").asInt()).isEqualTo(2);
        assertThat(done.get("totalCount").asInt()).isEqualTo(2);
        assertThat(done.get("errorCount").asInt()).isZero();
        assertThat(done.get("startedAt").isNull()).isFalse();
        assertThat(done.get("completedAt").isNull()).isFalse();
        JsonNode successful = done.get("response").get("successful");
        assertThat(successful).hasSize(2);
        assertThat(successful.get(0).get("customerId").asString()).isEqualTo("12345");
        assertThat(successful.get(0).get("message").asString()).isEqualTo("Customer created successfully");
        assertThat(successful.get(0).get("index").asInt()).isZero();
        assertThat(successful.get(1).get("customerId").asString()).isEqualTo("67890");
        assertThat(done.get("response").get("failed")).isEmpty();

        long again = submit(api, "customers", SEED_CUSTOMERS);
        JsonNode repeated = awaitStatus(api, again, "completed");
        assertThat(repeated.get("response").get("successful"))
                .allSatisfy(entry ->
                        assertThat(entry.get("message").asString()).isEqualTo("Customer updated successfully"));
    }

    @Test
    void anItemAWorkerIsApplyingWhenTheStopArrivesTakesEffectBeforeTheAnswerOrNever() throws Exception {
        BatchApiClient api = system.demoClient();
        String customer = "fenced-" + java.util.UUID.randomUUID();
        awaitStatus(api, submit(api, "customers", "{\"body\": [{\"customerId\": \"" + customer + "\"}]}"), "completed");
        try (Connection holder = LocalEngines.shared().postgres().connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT 1 FROM customers WHERE tenant_id = 'demo' AND customer_id = ? FOR UPDATE")) {
                lock.setString(1, customer);
                lock.executeQuery().close();
            }
            long jobId = submit(
                    api, "balance-adjustment", "{\"body\": [{\"customerId\": \"" + customer + "\", \"amount\": 5}]}");
            // the worker has the item in hand: its transaction waits for the customer's row
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> waitingOnLocks("relation", "tuple", "transactionid") > 0);
            assertThat(json(api.status(jobId)).get("totalCount").asInt())
                    .as("in flight")
                    .isZero();

            CompletableFuture<Response> stop = CompletableFuture.supplyAsync(() -> api.stop(jobId));
            await().atMost(Duration.ofSeconds(30)).until(() -> stop.isDone() || waitingOnLocks("advisory") > 0);
            long balanceAtAnswer;
            String ended = "stopped";
            if (stop.isDone()) {
                balanceAtAnswer = balance(customer);
                holder.commit();
                assertThat(stop.get().status()).as(stop.get().body()).isEqualTo(200);
            } else {
                // the stop waits for the worker's transaction; once that commits, the one item took effect, and the
                // stop finds the job stopped (200) or, if its result reached the status first, finished (409)
                holder.commit();
                Response answer = stop.get(30, TimeUnit.SECONDS);
                balanceAtAnswer = balance(customer);
                assertThat(answer.status()).as(answer.body()).isIn(200, 409);
                if (answer.status() == 409) {
                    ended = "completed";
                    assertThat(balanceAtAnswer)
                            .as("the item took effect before the answer")
                            .isEqualTo(5);
                }
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> waitingOnLocks("relation", "tuple", "transactionid") == 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode s = json(api.status(jobId));
                return s.get("totalCount").asInt() + s.get("cancelledCount").asInt() == 1;
            });
            assertThat(balance(customer))
                    .as("nothing took effect after the answer")
                    .isEqualTo(balanceAtAnswer);
            assertThat(json(api.status(jobId)).get("status").asString()).isEqualTo(ended);
        }
    }

    /** Server processes waiting for a lock of one of these kinds. */
    private static long waitingOnLocks(String... kinds) throws SQLException {
        return SharedDatabase.number(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = ANY (?)",
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("text", kinds)));
    }

    private static long balance(String customer) throws SQLException {
        return SharedDatabase.number(
                "SELECT available_points FROM customers WHERE tenant_id = 'demo' AND customer_id = ?",
                statement -> statement.setString(1, customer));
    }

    @Test
    void workerReportsItsHealthAndConsumerLag() {
        BatchApiClient management = new BatchApiClient("http://127.0.0.1:" + WORKER_PORT, null, null);

        assertThat(management.get("/actuator/health").status()).isEqualTo(200);
        Response metrics = management.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("kafka_consumer_fetch_manager_records_lag_max");
    }
}
