package io.loyaltybatch.gateway;

import static io.loyaltybatch.gateway.GatewayTestSupport.ACME_SECRET;
import static io.loyaltybatch.gateway.GatewayTestSupport.GLOBEX_KEY;
import static io.loyaltybatch.gateway.GatewayTestSupport.GLOBEX_SECRET;
import static io.loyaltybatch.gateway.GatewayTestSupport.SEED_CUSTOMERS;
import static io.loyaltybatch.gateway.GatewayTestSupport.customers;
import static io.loyaltybatch.gateway.GatewayTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.loyaltybatch.engines.BatchApiClient;
import io.loyaltybatch.engines.BatchApiClient.Response;
import io.loyaltybatch.gateway.api.IntegrationsApi;
import io.loyaltybatch.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request-level rules that depend on the engines and the real server, against a real Kafka broker, Redis server
 * and PostgreSQL server (no worker runs). The pure request rules run on the web layer alone in
 * {@code HttpRulesWebTest}. Also the OpenAPI document the gateway serves: version 3.1, every endpoint it maps under
 * the contract's prefix and the admin API, and the same as the copy checked in as {@code docs/openapi.json}, whose schemas real answers validate against.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "loyalty.gateway.max-request-size=64KB")
class BatchApiIT {

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        GatewayTestSupport.registerEnginesAndTenants(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    BatchApiClient api;

    @BeforeEach
    void client() {
        api = GatewayTestSupport.acme(port);
    }

    private static void assertError(Response response, int status, int code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("content-type"))
                .hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("code").asInt()).isEqualTo(code);
        assertThat(body.get("type").asString()).isNotBlank();
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(body.get("requestId").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private long submitted(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        long jobId = json(response).get("jobId").asLong();
        assertThat(jobId).isPositive();
        return jobId;
    }

    @Test
    void missingOrUnknownApiKeyIs401With1000() {
        assertError(api.as(null, ACME_SECRET).submit("customers", SEED_CUSTOMERS), 401, 1000);
        assertError(api.as("nobody", ACME_SECRET).submit("customers", SEED_CUSTOMERS), 401, 1000);
        assertThat(json(api.as(null, null).status(1)).get("type").asString()).isEqualTo("AUTHENTICATION_ERROR");
    }

    @Test
    void chunkedRequestOverTheByteLimitIs413With3011() {
        String padding = "x".repeat(70 * 1024);
        Response response = api.postStreamed(
                BatchApiClient.PREFIX + "/batch/customers", "{\"body\": [{\"customerId\": \"" + padding + "\"}]}");
        assertError(response, 413, 3011);
    }

    @Test
    void batchOf1000ItemsIsAccepted() {
        submitted(api.submit("customers", customers("full", 1000)));
    }

    @Test
    void requestOverTheByteLimitIs413With3011() {
        String padding = "x".repeat(70 * 1024);
        assertError(api.submit("customers", "{\"body\": [{\"customerId\": \"" + padding + "\"}]}"), 413, 3011);
    }

    @Test
    void newJobIsQueuedWithNothingProcessed() {
        long jobId = submitted(api.submit("customers", SEED_CUSTOMERS));

        JsonNode status = json(api.status(jobId));
        assertThat(status.get("operation").asString()).isEqualTo("Customer Creation Batch Job");
        assertThat(status.get("status").asString()).isEqualTo("queued");
        assertThat(status.get("jobId").asLong()).isEqualTo(jobId);
        assertThat(status.get("itemCount").asInt()).isEqualTo(2);
        assertThat(status.get("totalCount").asInt()).isZero();
        assertThat(status.get("finishedCount").asInt()).isZero();
        assertThat(status.get("errorCount").asInt()).isZero();
        assertThat(status.get("cancelledCount").asInt()).isZero();
        assertThat(status.get("startedAt").isNull()).isTrue();
        assertThat(status.get("response").isNull()).isTrue();
        assertThat(status.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void invalidLedgerItemsAreReportedWithTheirCodes() {
        long orders = submitted(api.submit("orders", """
                {"body": [{"customerId": "v1", "orderDate": "2026-11-01", "totalPaid": 5},
                          {"customerId": "v1", "orderId": "o", "orderDate": "soon", "totalPaid": 5},
                          {"customerId": "v1", "orderId": "o", "orderDate": "2026-11-01", "totalPaid": 5}]}"""));
        long redeem = submitted(api.submit("redeem", """
                {"body": [{"customerId": "v1", "transactionId": "t", "transactionTime": "2026-11-01",
                           "holdReference": "h"}]}"""));

        JsonNode ordersStatus = json(api.status(orders));
        assertThat(ordersStatus.get("status").asString()).isEqualTo("queued");
        assertThat(ordersStatus.get("response").get("failed"))
                .extracting(e -> e.get("code").asInt())
                .containsExactly(3000, 3003);
        JsonNode redeemStatus = json(api.status(redeem));
        assertThat(redeemStatus.get("status").asString()).isEqualTo("failed");
        assertThat(redeemStatus.get("response").get("failed").get(0).get("code").asInt())
                .isEqualTo(3013);
        assertThat(redeemStatus.get("operation").asString()).isEqualTo("Redemption Batch Job");
    }

    @Test
    void stoppingAQueuedJobCancelsItsItemsAndIsIdempotent() {
        long jobId = submitted(
                api.submit("customers", "{\"body\": [{\"customerId\": \"s1\"}, {}, " + "{\"customerId\": \"s2\"}]}"));

        Response stop = api.stop(jobId);
        assertThat(stop.status()).isEqualTo(200);
        assertThat(json(stop).get("status").asString()).isEqualTo("stopped");
        assertThat(json(stop).get("message").asString()).isEqualTo("Job stopped successfully");
        assertThat(json(stop).get("jobId").asLong()).isEqualTo(jobId);
        assertThat(api.stop(jobId).body()).isEqualTo(stop.body());

        JsonNode status = json(api.status(jobId));
        assertThat(status.get("status").asString()).isEqualTo("stopped");
        assertThat(status.get("cancelledCount").asInt()).isEqualTo(2);
        assertThat(status.get("errorCount").asInt()).isEqualTo(1);
        assertThat(status.get("totalCount").asInt()
                        + status.get("cancelledCount").asInt())
                .isEqualTo(3);
    }

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheJob() {
        Response first = api.submit("customers", SEED_CUSTOMERS, "order-import-1");
        Response again = api.submit("customers", SEED_CUSTOMERS, "order-import-1");

        assertThat(submitted(again)).isEqualTo(submitted(first));
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(first.header("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void jobIdsAreUniquePositiveAndExactInJavaScript() {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(submitted(api.submit("customers", customers("u" + i, 1))));
        }
        assertThat(ids).hasSize(20).allMatch(id -> id > 0 && id < (1L << 53));
    }

    @Test
    void jobIdsNeverRepeatEvenWhenRedisLosesItsState() {
        String counterBefore = redis.opsForValue().get("jobs:seq");
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submitted(api.submit("customers", customers("r" + i, 1))));
        }
        // Redis rolls back (a failover to a replica behind, an append-only file fsynced a second ago)
        if (counterBefore == null) {
            redis.delete("jobs:seq");
        } else {
            redis.opsForValue().set("jobs:seq", counterBefore);
        }
        for (int i = 5; i < 10; i++) {
            ids.add(submitted(api.submit("customers", customers("r" + i, 1))));
        }

        assertThat(ids).hasSize(10);
    }

    @Test
    void anotherTenantsJobIsUnknownBeforeAnyOfItsResultsIsRead() {
        long jobId = submitted(api.submit("customers", "{\"body\": [{\"customerId\": \"t-1\"}, {}]}"));
        // a result no reader could decode: reading it for the owner would fail, so a foreign read must not touch it
        redis.opsForHash().put("job:{" + jobId + "}:results", "0", "not json");
        BatchApiClient globex = api.as(GLOBEX_KEY, GLOBEX_SECRET);

        Response foreign = globex.status(jobId);
        Response unknown = globex.status(jobId + 987_654_321L);

        assertError(foreign, 404, 4004);
        assertError(unknown, 404, 4004);
        assertThat(json(foreign).get("message").asString())
                .isEqualTo(json(unknown)
                        .get("message")
                        .asString()
                        .replace(Long.toString(jobId + 987_654_321L), Long.toString(jobId)));
    }
    /** The served OpenAPI document is compared with this copy; {@code -Dopenapi.write=true} writes it instead. */
    private static final Path OPENAPI_CHECKED_IN = Path.of("..", "docs", "openapi.json");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private String served() {
        BatchApiClient anyone = new BatchApiClient("http://127.0.0.1:" + port, null, null);
        BatchApiClient.Response response = anyone.get("/v3/api-docs");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** {@code METHOD path} of every endpoint the gateway maps, the contract's prefix written as the document does. */
    private Set<String> mapped() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods()
                .forEach((info, method) -> info.getPatternValues().stream()
                        .map(pattern -> pattern.replace(IntegrationsApi.PREFIX, "/api/{apiVersion}/integrations"))
                        .filter(pattern -> pattern.startsWith("/api/") || pattern.startsWith("/admin/"))
                        .forEach(pattern -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(verb -> endpoints.add(verb.name() + " " + pattern))));
        return endpoints;
    }

    @Test
    void theServedDocumentIsOpenApi31AndListsEveryEndpointWithKeysAndTheErrorEnvelope() {
        JsonNode document = WireCodec.mapper().readTree(served());

        assertThat(document.get("openapi").asString()).startsWith("3.1");
        Set<String> documented = new TreeSet<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(operation -> documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));
        assertThat(mapped()).hasSizeGreaterThan(10);
        assertThat(documented).isEqualTo(mapped());
        JsonNode create = document.get("paths")
                .get("/api/{apiVersion}/integrations/batch/{type}")
                .get("post");
        assertThat(create.get("requestBody").get("content").get("application/json"))
                .isNotNull();
        assertThat(create.get("security").toString()).contains("apikey").contains("secretkey");
        assertThat(create.get("responses").get("default").toString()).contains("ErrorEnvelope");
        assertThat(document.get("components")
                        .get("schemas")
                        .get("ErrorEnvelope")
                        .get("properties")
                        .propertyNames())
                .contains("code", "type", "message", "requestId");
        assertThat(document.get("components")
                        .get("schemas")
                        .get("JobStatusView")
                        .get("properties")
                        .propertyNames())
                .contains("operation", "status", "response", "etaSeconds");
    }

    /**
     * Real answers of the gateway, each validated against the schema the document gives that operation and status
     * (OpenAPI 3.1's JSON Schema dialect): a submit, a queued job's status with nulls and failed entries, the listing,
     * a stop, a stopped job's status, and error envelopes.
     */
    @Test
    void realAnswersValidateAgainstTheDocumentsSchemas() {
        SchemaRegistry registry = SchemaRegistry.withDialect(
                Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(SERVED_DOCUMENT, served())));
        String prefix = "/api/{apiVersion}/integrations";
        Response submit = api.submit("customers", "{\"body\": [{\"customerId\": \"v1\"}, {\"email\": \"x\"}]}");
        long jobId = submitted(submit);
        Response queued = api.status(jobId);
        Response nothingProcessed =
                api.status(submitted(api.submit("customers", "{\"body\": [{\"customerId\": \"v2\"}]}")));
        Response listing = api.get(BatchApiClient.PREFIX + "/batch?limit=5");
        Response stop = api.stop(jobId);
        Response stopped = api.status(jobId);
        Response unknown = api.status(42);
        Response refused = new BatchApiClient("http://127.0.0.1:" + port, "nobody", "nothing").status(jobId);

        assertThat(json(queued).get("response").get("failed")).hasSize(1);
        assertThat(json(queued).get("startedAt").isNull()).isTrue();
        assertThat(json(nothingProcessed).get("response").isNull()).isTrue();
        List<String> errors = new ArrayList<>();
        errors.addAll(invalid(registry, submit, "post", prefix + "/batch/{type}", "200"));
        errors.addAll(invalid(registry, queued, "get", prefix + "/batch/{jobId}", "200"));
        errors.addAll(invalid(registry, nothingProcessed, "get", prefix + "/batch/{jobId}", "200"));
        errors.addAll(invalid(registry, listing, "get", prefix + "/batch", "200"));
        errors.addAll(invalid(registry, stop, "delete", prefix + "/batch/{jobId}", "200"));
        errors.addAll(invalid(registry, stopped, "get", prefix + "/batch/{jobId}", "200"));
        errors.addAll(invalid(registry, unknown, "get", prefix + "/batch/{jobId}", "default"));
        errors.addAll(invalid(registry, refused, "get", prefix + "/batch/{jobId}", "default"));
        assertThat(errors).isEmpty();
        // and a document that breaks the schema is caught
        assertThat(schema(registry, "get", prefix + "/batch/{jobId}", "200")
                        .validate(((ObjectNode) json(queued)).put("status", 7)))
                .isNotEmpty();
        assertThat(schema(registry, "get", prefix + "/batch/{jobId}", "200")
                        .validate(((ObjectNode) json(queued)).without("operation")))
                .as("a document without a field it always has")
                .isNotEmpty();
    }

    /** What in the answer breaks the schema of its operation's response (named by status or "default"). */
    private List<String> invalid(
            SchemaRegistry registry, Response response, String method, String path, String status) {
        assertThat(response.status() == 200).as(response.body()).isEqualTo(status.equals("200"));
        return schema(registry, method, path, status).validate(json(response)).stream()
                .map(error -> method.toUpperCase() + " " + path + " " + status + ": " + error.getInstanceLocation()
                        + " " + error.getMessage())
                .toList();
    }

    /** Where the served document is found by the schema registry, so that its references resolve. */
    private static final String SERVED_DOCUMENT = "https://gateway.test/v3/api-docs";

    /** The schema the served document gives an operation's JSON answer of this status. */
    private Schema schema(SchemaRegistry registry, String method, String path, String status) {
        JsonNode schema = WireCodec.mapper()
                .readTree(served())
                .get("paths")
                .get(path)
                .get(method)
                .get("responses")
                .get(status)
                .get("content")
                .get("application/json")
                .get("schema");
        assertThat(schema).as("%s %s %s", method, path, status).isNotNull();
        // its references point into the document's components, wherever this schema is read from
        return registry.getSchema(
                SchemaLocation.of(SERVED_DOCUMENT + "#" + method + path),
                WireCodec.mapper()
                        .readTree(schema.toString()
                                .replace("\"#/components/", "\"" + SERVED_DOCUMENT + "#/components/")));
    }

    @Test
    void theCheckedInDocumentIsTheServedOne() throws Exception {
        String served = WireCodec.mapper()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(WireCodec.mapper().readTree(served()))
                + "\n";
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(OPENAPI_CHECKED_IN, served, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(OPENAPI_CHECKED_IN, StandardCharsets.UTF_8))
                .as("docs/openapi.json is the served document; after changing the API run "
                        + "./mvnw verify -pl api-gateway -am -Dit.test=BatchApiIT -Dopenapi.write=true")
                .isEqualTo(served);
    }
}
