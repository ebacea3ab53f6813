package io.loyaltybatch.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.gateway.api.HttpLimits;
import io.loyaltybatch.gateway.customer.CustomerQueries;
import io.loyaltybatch.gateway.customer.CustomerReading;
import io.loyaltybatch.gateway.item.ItemValidation;
import io.loyaltybatch.gateway.item.Validators;
import io.loyaltybatch.gateway.limit.InMemoryRateLimiter;
import io.loyaltybatch.gateway.limit.JobQuotas;
import io.loyaltybatch.gateway.limit.LimitsProperties;
import io.loyaltybatch.gateway.limit.RequestAdmission;
import io.loyaltybatch.gateway.tenant.InMemoryTenantStore;
import io.loyaltybatch.gateway.tenant.SecretDigest;
import io.loyaltybatch.gateway.tenant.TenantDirectory;
import io.loyaltybatch.gateway.tenant.TenantProperties;
import io.loyaltybatch.model.Balance;
import io.loyaltybatch.model.ItemPositions;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.JobEnds;
import io.loyaltybatch.support.config.SharedConfiguration;
import io.loyaltybatch.support.testing.InMemoryPrograms;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/**
 * The request rules of the contract (authentication, the error envelope, body and batch rules, unknown types and
 * jobs, tenant scoping, {@code Idempotency-Key}) on the web layer alone, over the in-memory ports. The same rules on
 * real engines and a real server are checked by {@code BatchApiIT} and {@code HttpEdgesIT}.
 */
@WebMvcTest(
        // the admin API and the notices are other doors, with their own tests (OperationsIT, JobToolsIT)
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "io\\.loyaltybatch\\.gateway\\.((ops|webhook)\\..*|tenant\\.TenantAdmin.*)"),
        properties = {
            "loyalty.tenants.acme.api-key=" + HttpRulesWebTest.ACME_KEY,
            "loyalty.tenants.acme.secret-sha256=" + HttpRulesWebTest.ACME_SECRET_SHA256,
            "loyalty.tenants.globex.api-key=" + HttpRulesWebTest.GLOBEX_KEY,
            "loyalty.tenants.globex.secret-sha256=" + HttpRulesWebTest.GLOBEX_SECRET_SHA256,
            "loyalty.gateway.max-request-size=64KB"
        })
@Import({
    HttpRulesWebTest.Ports.class,
    JobSubmission.class,
    JobStatusReading.class,
    JobPace.class,
    JobStopping.class,
    JobListing.class,
    JobResultsExport.class,
    BatchRequestParser.class,
    TenantDirectory.class,
    RequestAdmission.class,
    JobQuotas.class,
    CustomerReading.class
})
class HttpRulesWebTest {

    static final String ACME_KEY = "acme-key";
    static final String ACME_SECRET = "acme-secret";
    /** sha256("acme-secret") */
    static final String ACME_SECRET_SHA256 = "307c609f87da43c3d563428a4f7efdf9857f4871fd10465732c4ab11a985a08c";

    static final String GLOBEX_KEY = "globex-key";
    static final String GLOBEX_SECRET = "globex-secret";
    /** sha256("globex-secret") */
    static final String GLOBEX_SECRET_SHA256 = "4fe6ae1bd397d68b149f8a86069f5e6806a937d7d0b2f31830c48008b268bda0";

    private static final String BATCH = "/api/v4.0/integrations/batch";
    private static final String SEED = """
            {"body": [{"customerId": "12345", "email": "a@example.com"}, {"customerId": "67890"}]}""";

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({
        HttpLimits.class,
        GatewayProperties.class,
        TenantProperties.class,
        LimitsProperties.class
    })
    @Import(SharedConfiguration.class)
    static class Ports {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        SettableConsumption consumption() {
            return new SettableConsumption();
        }

        @Bean
        InMemoryRateLimiter rateLimiter() {
            return new InMemoryRateLimiter();
        }

        @Bean
        InMemoryPrograms programs() {
            return new InMemoryPrograms();
        }

        @Bean
        InMemoryTenantStore tenantStore() {
            return new InMemoryTenantStore();
        }

        @Bean
        InMemoryJobStore jobs() {
            return new InMemoryJobStore();
        }

        @Bean
        InMemoryIdempotencyStore idempotency() {
            return new InMemoryIdempotencyStore();
        }

        @Bean
        RecordingPublisher publisher() {
            return new RecordingPublisher();
        }

        @Bean
        ItemValidation validation() {
            return Validators.validation();
        }

        @Bean
        JobEnds jobEnds(InMemoryJobStore jobs) {
            return (tenantId, jobId, reason) ->
                    jobs.find(tenantId, jobId).map(job -> job.results().size()).orElse(0);
        }

        @Bean
        CustomerQueries customers() {
            return new CustomerQueries() {
                @Override
                public Optional<StoredCustomer> find(String tenantId, String customerId) {
                    return Optional.empty();
                }

                @Override
                public Optional<Balance> balance(String tenantId, String customerId, Instant now) {
                    return Optional.empty();
                }
            };
        }
    }

    /** The consumer group's distance from a job's items, as the test sets it. */
    static final class SettableConsumption implements ItemsConsumption {
        volatile OptionalDouble seconds = OptionalDouble.empty();

        @Override
        public OptionalDouble secondsToReach(ItemPositions items) {
            return seconds;
        }
    }

    @Autowired
    SettableConsumption consumption;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    InMemoryJobStore jobs;

    @Autowired
    RecordingPublisher publisher;

    @Autowired
    InMemoryIdempotencyStore idempotency;

    @BeforeEach
    void empty() {
        jobs.jobs.clear();
        jobs.positions.clear();
        publisher.published.clear();
        idempotency.entries.clear();
        consumption.seconds = OptionalDouble.empty();
    }

    private MvcTestResult post(String path, String body, String apiKey, String secretKey, String idempotencyKey) {
        var request = mvc.post().uri(path).content(body).contentType(MediaType.APPLICATION_JSON);
        if (apiKey != null) {
            request = request.header("apikey", apiKey);
        }
        if (secretKey != null) {
            request = request.header("secretkey", secretKey);
        }
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    private MvcTestResult submit(String type, String body) {
        return post(BATCH + "/" + type, body, ACME_KEY, ACME_SECRET, null);
    }

    private MvcTestResult get(String path, String apiKey, String secretKey) {
        return mvc.get()
                .uri(path)
                .header("apikey", apiKey)
                .header("secretkey", secretKey)
                .exchange();
    }

    private static JsonNode json(MvcTestResult result) {
        return WireCodec.mapper().readTree(result.getResponse().getContentAsByteArray());
    }

    private static void assertError(MvcTestResult result, int status, int code) {
        assertThat(result).hasStatus(status);
        assertThat(result).contentType().isCompatibleWith(MediaType.APPLICATION_JSON);
        JsonNode body = json(result);
        assertThat(body.get("code").asInt()).as(body.toString()).isEqualTo(code);
        assertThat(body.get("type").asString()).isNotBlank();
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(body.get("requestId").asString()).isNotBlank();
        assertThat(body.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static long submitted(MvcTestResult result) {
        assertThat(result).hasStatusOk();
        long jobId = json(result).get("jobId").asLong();
        assertThat(jobId).isPositive();
        return jobId;
    }

    private static String customers(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> "{\"customerId\": \"" + prefix + "-" + i + "\"}")
                .collect(Collectors.joining(",", "{\"body\": [", "]}"));
    }

    @Test
    void theTestDigestsAreTheDigestsOfTheTestSecrets() {
        assertThat(SecretDigest.sha256Hex(ACME_SECRET)).isEqualTo(ACME_SECRET_SHA256);
        assertThat(SecretDigest.sha256Hex(GLOBEX_SECRET)).isEqualTo(GLOBEX_SECRET_SHA256);
    }

    @Test
    void missingOrUnknownApiKeyIs401With1000() {
        assertError(post(BATCH + "/customers", SEED, null, ACME_SECRET, null), 401, 1000);
        assertError(post(BATCH + "/customers", SEED, "nobody", ACME_SECRET, null), 401, 1000);
        MvcTestResult anonymous = mvc.get().uri(BATCH + "/1").exchange();
        assertError(anonymous, 401, 1000);
        assertThat(json(anonymous).get("type").asString()).isEqualTo("AUTHENTICATION_ERROR");
        assertError(mvc.get().uri("/api/v4/integrations/customers/c").exchange(), 401, 1000);
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void missingOrWrongSecretKeyIs401With1001() {
        assertError(post(BATCH + "/customers", SEED, ACME_KEY, null, null), 401, 1001);
        assertError(post(BATCH + "/customers", SEED, ACME_KEY, GLOBEX_SECRET, null), 401, 1001);
        assertThat(jobs.jobs).isEmpty();
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        submitted(mvc.post()
                .uri(BATCH + "/customers")
                .content(SEED)
                .header("APIKEY", ACME_KEY)
                .header("SecretKey", ACME_SECRET)
                .exchange());
    }

    @Test
    void jsonSentWithoutAJsonContentTypeIsStillRead() {
        submitted(mvc.post()
                .uri(BATCH + "/customers")
                .content(SEED)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("apikey", ACME_KEY)
                .header("secretkey", ACME_SECRET)
                .exchange());
    }

    @Test
    void malformedBodiesAre400With3016() {
        assertError(submit("customers", "{\"body\": ["), 400, 3016);
        assertError(submit("customers", "{\"items\": []}"), 400, 3016);
        assertError(submit("customers", "{\"body\": \"x\"}"), 400, 3016);
        assertError(submit("customers", ""), 400, 3016);
        assertThat(jobs.jobs).isEmpty();
    }

    @Test
    void emptyBodyIs400With3000() {
        assertError(submit("customers", "{\"body\": []}"), 400, 3000);
    }

    @Test
    void batchOf1001ItemsIs422With3011AndOf1000IsAccepted() {
        MvcTestResult tooMany = submit("customers", customers("big", 1001));
        assertError(tooMany, 422, 3011);
        assertThat(json(tooMany).get("message").asString()).contains("1001");

        submitted(submit("customers", customers("full", 1000)));
        assertThat(publisher.published).hasSize(1000);
    }

    @Test
    void requestOverTheByteLimitIs413With3011() {
        String padding = "x".repeat(70 * 1024);
        assertError(submit("customers", "{\"body\": [{\"customerId\": \"" + padding + "\"}]}"), 413, 3011);
    }

    @Test
    void unknownTypeIs404With4004() {
        assertError(submit("coupons", SEED), 404, 4004);
    }

    @Test
    void unknownOrMalformedJobIdIs404With4004() {
        assertError(get(BATCH + "/987654321", ACME_KEY, ACME_SECRET), 404, 4004);
        assertError(get(BATCH + "/not-a-number", ACME_KEY, ACME_SECRET), 404, 4004);
        assertError(
                mvc.delete()
                        .uri(BATCH + "/987654321")
                        .header("apikey", ACME_KEY)
                        .header("secretkey", ACME_SECRET)
                        .exchange(),
                404,
                4004);
    }

    @Test
    void unknownPathUnderThePrefixIs404InTheEnvelope() {
        assertError(get("/api/v4.0/integrations/coupons/1", ACME_KEY, ACME_SECRET), 404, 4004);
    }

    @Test
    void anotherTenantsJobIs404LikeAnUnknownOne() {
        long jobId = submitted(submit("customers", SEED));

        MvcTestResult foreign = get(BATCH + "/" + jobId, GLOBEX_KEY, GLOBEX_SECRET);
        MvcTestResult unknown = get(BATCH + "/" + (jobId + 1000), GLOBEX_KEY, GLOBEX_SECRET);
        assertError(foreign, 404, 4004);
        assertError(unknown, 404, 4004);
        assertThat(json(foreign).get("message").asString())
                .isEqualTo(json(unknown)
                        .get("message")
                        .asString()
                        .replace(Long.toString(jobId + 1000), Long.toString(jobId)));
        assertError(
                mvc.delete()
                        .uri(BATCH + "/" + jobId)
                        .header("apikey", GLOBEX_KEY)
                        .header("secretkey", GLOBEX_SECRET)
                        .exchange(),
                404,
                4004);
        assertThat(get(BATCH + "/" + jobId, ACME_KEY, ACME_SECRET)).hasStatusOk();
    }

    @Test
    void everyPrefixServesTheSameJob() {
        long jobId = submitted(post("/api/v4/integrations/batch/customers", SEED, ACME_KEY, ACME_SECRET, null));

        for (String prefix : new String[] {"/api/v4", "/api/v4.0", "/api/v4.1"}) {
            MvcTestResult status = get(prefix + "/integrations/batch/" + jobId, ACME_KEY, ACME_SECRET);
            assertThat(status).hasStatusOk();
            assertThat(json(status).get("jobId").asLong()).isEqualTo(jobId);
        }
        assertThat(get("/api/v5/integrations/batch/" + jobId, ACME_KEY, ACME_SECRET))
                .hasStatus(404);
    }

    @Test
    void invalidItemsAreReportedAtOnceWithTheirIndex() {
        long jobId = submitted(submit("customers", """
                {"body": [{"customerId": "ok-1"}, {"email": "x@y.co"}, {"customerId": "67890", "email": "bad"}]}"""));

        JsonNode status = json(get(BATCH + "/" + jobId, ACME_KEY, ACME_SECRET));
        assertThat(status.get("status").asString()).isEqualTo("queued");
        assertThat(status.get("errorCount").asInt()).isEqualTo(2);
        JsonNode failed = status.get("response").get("failed");
        assertThat(failed).hasSize(2);
        assertThat(failed.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(failed.get(0).get("code").asInt()).isEqualTo(3000);
        assertThat(failed.get(1).get("index").asInt()).isEqualTo(2);
        assertThat(failed.get(1).get("code").asInt()).isEqualTo(3003);
        assertThat(failed.get(1).get("error").asString()).isEqualTo("Invalid email address");
        assertThat(publisher.published)
                .singleElement()
                .satisfies(item -> assertThat(item.index()).isZero());
    }

    @Test
    void jobWithOnlyInvalidItemsEndsFailedAtOnceAndCannotBeStopped() {
        long jobId = submitted(submit("customers", "{\"body\": [{}, {\"customerId\": 7}]}"));

        JsonNode status = json(get(BATCH + "/" + jobId, ACME_KEY, ACME_SECRET));
        assertThat(status.get("status").asString()).isEqualTo("failed");
        assertThat(status.get("completedAt").isNull()).isFalse();
        assertError(
                mvc.delete()
                        .uri(BATCH + "/" + jobId)
                        .header("apikey", ACME_KEY)
                        .header("secretkey", ACME_SECRET)
                        .exchange(),
                409,
                4000);
    }

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheJob() {
        MvcTestResult first = post(BATCH + "/customers", SEED, ACME_KEY, ACME_SECRET, "import-1");
        MvcTestResult again = post(BATCH + "/customers", SEED, ACME_KEY, ACME_SECRET, "import-1");

        assertThat(submitted(again)).isEqualTo(submitted(first));
        assertThat(again).headers().hasValue("Idempotent-Replayed", "true");
        assertThat(first).headers().doesNotContainHeader("Idempotent-Replayed");
        assertThat(jobs.jobs).hasSize(1);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIs422With3003() {
        submitted(post(BATCH + "/customers", SEED, ACME_KEY, ACME_SECRET, "import-2"));

        assertError(post(BATCH + "/customers", customers("other", 1), ACME_KEY, ACME_SECRET, "import-2"), 422, 3003);
    }

    @Test
    void idempotencyKeyOutsideOneTo255CharactersIs400With3003() {
        assertError(post(BATCH + "/customers", SEED, ACME_KEY, ACME_SECRET, "k".repeat(256)), 400, 3003);
        assertError(post(BATCH + "/customers", SEED, ACME_KEY, ACME_SECRET, ""), 400, 3003);
        submitted(post(BATCH + "/customers", SEED, ACME_KEY, ACME_SECRET, "k".repeat(255)));
    }

    @Test
    void anUnknownCustomerIs404With7000() {
        assertError(get("/api/v4.0/integrations/customers/nobody", ACME_KEY, ACME_SECRET), 404, 7000);
        assertError(get("/api/v4.0/integrations/customers/nobody/balance", ACME_KEY, ACME_SECRET), 404, 7000);
    }

    @Test
    void aTenantListsItsOwnJobsNewestFirstInPagesThatFollowTheCursor() {
        long first = submitted(submit("customers", SEED));
        long second = submitted(submit("customers", SEED));
        long third = submitted(submit("customers", SEED));
        submitted(post(BATCH + "/customers", SEED, GLOBEX_KEY, GLOBEX_SECRET, null));

        MvcTestResult page = get(BATCH + "?limit=2", ACME_KEY, ACME_SECRET);
        assertThat(page).hasStatusOk();
        JsonNode body = json(page);
        assertThat(body.get("jobs").findValues("jobId"))
                .extracting(JsonNode::asLong)
                .containsExactly(third, second);
        JsonNode newest = body.get("jobs").get(0);
        assertThat(newest.get("status").asString()).isEqualTo("queued");
        assertThat(newest.get("type").asString()).isEqualTo("customers");
        assertThat(newest.get("operation").asString()).isEqualTo("Customer Creation Batch Job");
        assertThat(newest.get("itemCount").asInt()).isEqualTo(2);
        assertThat(newest.has("response")).isFalse();

        JsonNode next =
                json(get(BATCH + "?limit=2&cursor=" + body.get("nextCursor").asString(), ACME_KEY, ACME_SECRET));
        assertThat(next.get("jobs").findValues("jobId"))
                .extracting(JsonNode::asLong)
                .containsExactly(first);
        assertThat(next.get("nextCursor").isNull()).isTrue();
        assertThat(json(get(BATCH + "?type=orders", ACME_KEY, ACME_SECRET)).get("jobs"))
                .isEmpty();
        assertThat(json(get(BATCH + "?status=queued&type=customers", ACME_KEY, ACME_SECRET))
                        .get("jobs"))
                .hasSize(3);
    }

    @Test
    void aListingWithABadParameterIsA400NamingIt() {
        for (String query : List.of(
                "status=done",
                "type=coupons",
                "limit=0",
                "limit=101",
                "limit=ten",
                "limit=99999999999",
                "cursor=%00",
                "cursor=bm90LWEtY3Vyc29y",
                "cursor=" + "A".repeat(5000))) {
            MvcTestResult result = get(BATCH + "?" + query, ACME_KEY, ACME_SECRET);
            assertError(result, 400, 3003);
            assertThat(json(result).get("message").asString())
                    .as(query)
                    .startsWith(query.substring(0, query.indexOf('=')));
        }
        assertError(get(BATCH, ACME_KEY, "wrong"), 401, 1001);
    }

    @Test
    void aJobsResultsAreExportedSortedAsNdjsonOrCsvAndFilteredByOutcome() throws Exception {
        long jobId = submitted(submit("customers", """
                {"body": [{"customerId": "c,0"}, {"customerId": "c1", "email": "not-an-email"},
                          {"customerId": "c\\"2"}]}"""));
        jobs.succeed(jobId, ItemResult.success(2, "c\"2", "Customer created", Map.of("points", 5)));
        jobs.succeed(jobId, ItemResult.success(0, "c,0", "Customer created"));

        MvcTestResult ndjson = get(BATCH + "/" + jobId + "/results", ACME_KEY, ACME_SECRET);
        assertThat(ndjson).hasStatusOk();
        assertThat(ndjson).contentType().isCompatibleWith("application/x-ndjson");
        assertThat(ndjson.getResponse().getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"job-" + jobId + "-results.ndjson\"");
        List<JsonNode> lines = ndjson.getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .map(line -> WireCodec.mapper().readTree(line))
                .toList();
        assertThat(lines).extracting(line -> line.get("index").asInt()).containsExactly(0, 1, 2);
        assertThat(lines.get(1).get("outcome").asString()).isEqualTo("failed");
        assertThat(lines.get(1).get("code").asInt()).isEqualTo(3003);
        assertThat(lines.get(2).get("payload").get("points").asInt()).isEqualTo(5);
        assertThat(lines.get(0).get("code").isNull()).isTrue();

        MvcTestResult csv = get(BATCH + "/" + jobId + "/results?format=csv", ACME_KEY, ACME_SECRET);
        assertThat(csv).contentType().isCompatibleWith("text/csv");
        assertThat(csv.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("index,customerId,outcome,code,message,payload\r\n"
                        + "0,\"c,0\",successful,,Customer created,\r\n"
                        + "1,c1,failed,3003," + lines.get(1).get("message").asString() + ",\r\n"
                        + "2,\"c\"\"2\",successful,,Customer created,\"{\"\"points\"\":5}\"\r\n");

        MvcTestResult failed = get(BATCH + "/" + jobId + "/results?outcome=failed&format=csv", ACME_KEY, ACME_SECRET);
        assertThat(failed.getResponse()
                        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8)
                        .lines())
                .hasSize(2)
                .last()
                .asString()
                .startsWith("1,c1,failed,3003,");
        assertThat(get(BATCH + "/" + jobId + "/results?outcome=successful", ACME_KEY, ACME_SECRET)
                        .getResponse()
                        .getContentAsString()
                        .lines())
                .hasSize(2);
    }

    @Test
    void aCsvCellThatASpreadsheetWouldTakeForAFormulaIsWrittenAsText() throws Exception {
        List<String> ids = List.of("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "a=b");
        String body = ids.stream()
                .map(id -> "{\"customerId\": " + WireCodec.mapper().writeValueAsString(id) + "}")
                .collect(java.util.stream.Collectors.joining(", ", "{\"body\": [", "]}"));
        long jobId = submitted(submit("customers", body));
        for (int index = 0; index < ids.size(); index++) {
            jobs.succeed(jobId, ItemResult.success(index, ids.get(index), "Customer created"));
        }

        String csv = get(BATCH + "/" + jobId + "/results?format=csv", ACME_KEY, ACME_SECRET)
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        // a leading quote makes a spreadsheet show the cell as text; a value that holds such a character only further
        // on is left as it is
        assertThat(java.util.Arrays.asList(csv.split("\r\n")).subList(1, ids.size() + 1))
                .extracting(line -> line.substring(line.indexOf(',') + 1, line.indexOf(",successful")))
                .containsExactly("\"'=HYPERLINK(\"\"http://x\"\")\"", "\"'+1\"", "\"'-2\"", "\"'@SUM(A1)\"", "a=b");
        // NDJSON is data for programs: its values stay as sent
        assertThat(get(BATCH + "/" + jobId + "/results", ACME_KEY, ACME_SECRET)
                        .getResponse()
                        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"customerId\":\"+1\"");
    }

    @Test
    void anExportOfAForeignOrUnknownJobOrWithBadParametersIsTheContractsError() {
        long jobId = submitted(submit("customers", SEED));

        assertError(get(BATCH + "/" + jobId + "/results", GLOBEX_KEY, GLOBEX_SECRET), 404, 4004);
        assertError(get(BATCH + "/" + (jobId + 1000) + "/results", ACME_KEY, ACME_SECRET), 404, 4004);
        assertError(get(BATCH + "/" + jobId + "/results?format=xlsx", ACME_KEY, ACME_SECRET), 400, 3003);
        assertError(get(BATCH + "/" + jobId + "/results?outcome=all", ACME_KEY, ACME_SECRET), 400, 3003);
        // a client asking for CSV still gets a refusal as the contract's JSON envelope
        assertError(
                mvc.get()
                        .uri(BATCH + "/" + (jobId + 1000) + "/results?format=csv")
                        .header("apikey", ACME_KEY)
                        .header("secretkey", ACME_SECRET)
                        .accept(MediaType.parseMediaType("text/csv"))
                        .exchange(),
                404,
                4004);
    }

    @Test
    void anUnfinishedJobSaysItsEtaWhenKnownAndItsRateOnceStarted() {
        long jobId = submitted(submit("customers", SEED));
        String status = BATCH + "/" + jobId;

        JsonNode unknown = json(get(status, ACME_KEY, ACME_SECRET));
        assertThat(unknown.has("etaSeconds")).isFalse();
        assertThat(unknown.has("itemsPerSecond")).isFalse();

        consumption.seconds = OptionalDouble.of(42.04);
        JsonNode queued = json(get(status, ACME_KEY, ACME_SECRET));
        assertThat(queued.get("etaSeconds").asDouble()).isEqualTo(42.0);
        assertThat(queued.has("itemsPerSecond")).isFalse();

        jobs.succeed(jobId, ItemResult.success(0, "12345", "Customer created"));
        JsonNode running = json(get(status, ACME_KEY, ACME_SECRET));
        assertThat(running.get("status").asString()).isEqualTo("running");
        assertThat(running.get("itemsPerSecond").asDouble()).isPositive();
        JsonNode listed =
                json(get(BATCH + "?limit=1", ACME_KEY, ACME_SECRET)).get("jobs").get(0);
        assertThat(listed.get("jobId").asLong()).isEqualTo(jobId);
        assertThat(listed.get("etaSeconds").asDouble()).isEqualTo(42.0);
        assertThat(listed.get("itemsPerSecond").asDouble()).isPositive();

        mvc.delete()
                .uri(status)
                .header("apikey", ACME_KEY)
                .header("secretkey", ACME_SECRET)
                .exchange();
        JsonNode stopped = json(get(status, ACME_KEY, ACME_SECRET));
        assertThat(stopped.get("status").asString()).isEqualTo("stopped");
        assertThat(stopped.has("etaSeconds")).isFalse();
        assertThat(stopped.has("itemsPerSecond")).isFalse();
        JsonNode listedStopped =
                json(get(BATCH + "?limit=1", ACME_KEY, ACME_SECRET)).get("jobs").get(0);
        assertThat(listedStopped.has("etaSeconds")).isFalse();
        assertThat(listedStopped.has("itemsPerSecond")).isFalse();
    }
}
