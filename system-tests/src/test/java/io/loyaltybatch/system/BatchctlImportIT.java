package io.loyaltybatch.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.loyaltybatch.engines.AppProcesses;
import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.LocalEngines;
import io.loyaltybatch.model.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code batchctl import} as a user runs it: the CLI's jar as a process, against the gateway and a worker as
 * processes on the real engines, importing a generated 25,000-row CSV with bad rows in it. Each scenario runs for a
 * tenant of its own, so its jobs and ledger rows are counted apart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchctlImportIT {

    private static final int ROWS = 25_000;

    private AppProcesses system;

    @TempDir
    Path dir;

    @BeforeAll
    void start() {
        system = AppProcesses.forTests(LocalEngines.shared())
                .withTenant("importa", "importa-key", "importa-secret")
                .withTenant("importb", "importb-key", "importb-secret");
        system.startGateway(Duration.ofSeconds(90));
        system.startWorker("import-worker", Map.of(), "Started WorkerApplication", Duration.ofSeconds(90));
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** What a run of the CLI printed, and how it ended. */
    record Run(int exit, String out, String err) {}

    private Process launch(String tenant, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx128m", "-jar", System.getProperty("batchctl.jar")));
        command.addAll(List.of(args));
        command.addAll(List.of("--url", "http://127.0.0.1:" + system.gatewayPort(), "--apikey", tenant + "-key"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(tenant + ".out").toFile())
                .redirectError(dir.resolve(tenant + ".err").toFile());
        // the secret from the environment, as the CLI's help advises
        builder.environment().put("LOYALTY_SECRETKEY", tenant + "-secret");
        return builder.start();
    }

    private Run run(String tenant, String... args) throws Exception {
        Process process = launch(tenant, args);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Run(
                process.exitValue(),
                Files.readString(dir.resolve(tenant + ".out")),
                Files.readString(dir.resolve(tenant + ".err")));
    }

    /**
     * Customers, one a row from line 2: every 1,000th row has a bad email (3003), every 5,000th no customer id
     * (3000), and row 12,345 has a field too many, which the CLI cannot map (3003). The expected failures, by line.
     */
    private Map<Long, Integer> generate(Path csv, String prefix) throws IOException {
        Map<Long, Integer> bad = new TreeMap<>();
        StringBuilder text = new StringBuilder(
                "customerId,customerAttributes.displayName,customerAttributes.email," + "custom.tier,custom.visits\n");
        for (int row = 1; row <= ROWS; row++) {
            long line = row + 1;
            String id = prefix + "-" + row;
            String email = "u" + row + "@example.com";
            if (row % 1000 == 500) {
                email = "not-an-email";
                bad.put(line, 3003);
            }
            if (row % 5000 == 1234) {
                id = "";
                bad.put(line, 3000);
            }
            text.append(id)
                    .append(",\"Name, ")
                    .append(row)
                    .append("\",")
                    .append(email)
                    .append(",gold,")
                    .append(row);
            if (row == 12_345) {
                text.append(",extra");
                bad.put(line, 3003);
            }
            text.append('\n');
        }
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        return bad;
    }

    /** The failures file: line -> code; also checks each row keeps its original columns. */
    private static Map<Long, Integer> failures(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0))
                .isEqualTo("customerId,customerAttributes.displayName,customerAttributes.email,custom.tier,"
                        + "custom.visits,_line,_code,_message");
        Map<Long, Integer> found = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            // ..., _line, _code, _message: the messages hold no comma
            String[] fields = line.split(",");
            found.put(Long.parseLong(fields[fields.length - 3]), Integer.parseInt(fields[fields.length - 2]));
            assertThat(line).as("the row's own columns").contains("\"Name, ");
        }
        return found;
    }

    private static long count(String sql, String tenant) throws SQLException {
        return SharedDatabase.number(sql, statement -> statement.setString(1, tenant));
    }

    /** The tenant's jobs, through the listing. */
    private long jobsOf(String tenant) {
        BatchApiClient api = system.client(tenant + "-key", tenant + "-secret");
        long jobs = 0;
        String cursor = "";
        while (cursor != null) {
            JsonNode page = WireCodec.mapper()
                    .readTree(api.get(BatchApiClient.PREFIX + "/batch?limit=100" + cursor)
                            .body());
            jobs += page.get("jobs").size();
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : "&cursor=" + page.get("nextCursor").asString();
        }
        return jobs;
    }

    @Test
    void everyGoodRowLandsOnceEveryBadRowIsInTheFailuresFileAndARerunSubmitsNothing() throws Exception {
        Path csv = dir.resolve("customers.csv");
        Map<Long, Integer> bad = generate(csv, "imp-a");

        Run first = run("importa", "import", "--type", "customers", "--file", csv.toString(), "--wait");

        assertThat(first.exit()).as(first.err()).isEqualTo(1);
        assertThat(first.out())
                .contains("25,000 row(s) in customers.csv: 25 job(s) (25 new, 0 already submitted)")
                .contains("24,969 succeeded, 31 failed");
        // not a terminal: plain progress lines, and never the secret
        assertThat(first.err()).contains("25,000/25,000 rows done, 31 failed").doesNotContain("importa-secret");
        assertThat(failures(dir.resolve("customers.failures.csv"))).isEqualTo(bad);
        long applied = ROWS - bad.size();
        assertThat(count("SELECT count(*) FROM processed_items WHERE tenant_id = ?", "importa"))
                .isEqualTo(applied);
        assertThat(count("SELECT count(*) FROM customers WHERE tenant_id = ?", "importa"))
                .isEqualTo(applied);
        assertThat(jobsOf("importa")).isEqualTo(25);

        Files.delete(dir.resolve("customers.csv.batchctl"));
        Run again = run("importa", "import", "--type", "customers", "--file", csv.toString(), "--wait");

        // without its journal, the same keys find the same jobs
        assertThat(again.out()).contains("25 job(s) (0 new, 25 already submitted)");
        assertThat(jobsOf("importa")).isEqualTo(25);
        assertThat(count("SELECT count(*) FROM processed_items WHERE tenant_id = ?", "importa"))
                .isEqualTo(applied);
        assertThat(failures(dir.resolve("customers.failures.csv"))).isEqualTo(bad);
    }

    @Test
    void aRunKilledHalfWayAndResumedAppliesEveryRowOnce() throws Exception {
        Path csv = dir.resolve("resumed.csv");
        Map<Long, Integer> bad = generate(csv, "imp-b");
        Path journal = dir.resolve("resumed.csv.batchctl");
        // 100 jobs of 250 items one at a time: long enough to be killed in the middle of sending them
        String[] args = {
            "import", "--type", "customers", "--file", csv.toString(), "--concurrency", "1", "--chunk-size", "250"
        };

        Process killed = launch("importb", args);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        Files.exists(journal) && Files.readAllLines(journal).size() > 10);
        killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long recorded = Files.readAllLines(journal).size() - 1;
        assertThat(recorded).as("chunks recorded when killed").isBetween(10L, 99L);

        List<String> resume = new ArrayList<>(List.of(args));
        resume.addAll(List.of("--resume", "--wait"));
        Run resumed = run("importb", resume.toArray(String[]::new));

        assertThat(resumed.exit()).as(resumed.err()).isEqualTo(1);
        assertThat(resumed.err()).contains("already submitted");
        assertThat(resumed.out()).contains("100 job(s)").contains("24,969 succeeded, 31 failed");
        assertThat(failures(dir.resolve("resumed.failures.csv"))).isEqualTo(bad);
        assertThat(count("SELECT count(*) FROM processed_items WHERE tenant_id = ?", "importb"))
                .isEqualTo(ROWS - bad.size());
        assertThat(count("SELECT count(*) FROM customers WHERE tenant_id = ?", "importb"))
                .isEqualTo(ROWS - bad.size());
        assertThat(jobsOf("importb")).isEqualTo(100);
    }
}
