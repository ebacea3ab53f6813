package io.loyaltybatch.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files parse and fit together: Compose runs Prometheus with the alert rules and Grafana with the
 * dashboard, workers scale (no fixed names or host ports), every query names metrics the README documents. Every
 * dashboard query is also written to {@code target/promql/dashboard.rules.yml} as a recording rule, so that CI's
 * {@code promtool check rules} parses each one as PromQL.
 */
class DeployFilesTest {

    private static final Path CHECKOUT = Path.of("..");
    private static final Pattern LOYALTY_METRIC = Pattern.compile("\\bloyalty_[a-z_]+");

    @Test
    void composeRunsPrometheusAndGrafanaWithTheRepositorysFilesAndWorkersScale() throws IOException {
        Map<String, Object> services = map(yaml("docker-compose.yml").get("services"));

        assertThat(services).containsKeys("prometheus", "grafana", "api-gateway", "batch-worker");
        assertThat(list(map(services.get("prometheus")).get("volumes")))
                .contains("./deploy/prometheus:/etc/prometheus:ro");
        assertThat(list(map(services.get("grafana")).get("volumes")))
                .contains(
                        "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                        "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        assertThat(map(services.get("batch-worker"))).doesNotContainKeys("container_name", "ports");
        assertThat(CHECKOUT.resolve("deploy/prometheus/alerts.yml")).exists();
        assertThat(CHECKOUT.resolve("deploy/grafana/dashboards/loyalty-batch.json"))
                .exists();
    }

    @Test
    void everyAlertHasASeverityASummaryAndADurationAndNamesDocumentedMetrics() throws IOException {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : list(yaml("deploy/prometheus/alerts.yml").get("groups"))) {
            list(map(group).get("rules")).forEach(rule -> rules.add(map(rule)));
        }
        assertThat(rules)
                .extracting(rule -> rule.get("alert"))
                .contains(
                        "ItemsLagGrowing",
                        "ItemsLagAboveStallTimeout",
                        "ItemsDeadLettered",
                        "NoWorkersConsuming",
                        "GatewayServerErrors");
        for (Map<String, Object> rule : rules) {
            assertThat(rule).containsKeys("expr", "for");
            assertThat(map(rule.get("labels"))).containsKey("severity");
            assertThat(map(rule.get("annotations"))).containsKey("summary");
            assertThat(documented()).containsAll(loyaltyMetrics((String) rule.get("expr")));
        }
    }

    @Test
    void everyDashboardQueryNamesDocumentedMetricsAndIsHandedToPromtool() throws IOException {
        // JSON is YAML: one parser for every file
        Map<String, Object> dashboard = yaml("deploy/grafana/dashboards/loyalty-batch.json");
        List<String> queries = new ArrayList<>();
        for (Object panel : list(dashboard.get("panels"))) {
            List<Object> targets = list(map(panel).get("targets"));
            assertThat(targets).as(String.valueOf(map(panel).get("title"))).isNotEmpty();
            for (Object target : targets) {
                queries.add((String) map(target).get("expr"));
            }
        }
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        for (String query : queries) {
            assertThat(documented()).containsAll(loyaltyMetrics(query));
        }
        assertThat(String.join("\n", queries))
                .contains(
                        "loyalty_items_lag",
                        "loyalty_items_lag_seconds",
                        "loyalty_items_dead_lettered_total",
                        "kafka_consumer_coordinator_assigned_partitions");

        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard:query_")
                    .append(i + 1)
                    .append("\n        expr: '")
                    .append(queries.get(i).replace("'", "''"))
                    .append("'\n");
        }
        Path out = Path.of("target/promql/dashboard.rules.yml");
        Files.createDirectories(out.getParent());
        Files.writeString(out, rules);
        assertThat(list(new Yaml().<Map<String, Object>>load(rules.toString()).get("groups")))
                .hasSize(1);
    }

    /** The loyalty_ metrics of the README's metrics table. */
    private static Set<String> documented() throws IOException {
        String readme = Files.readString(CHECKOUT.resolve("README.md"));
        Set<String> names = new LinkedHashSet<>();
        Matcher metric = LOYALTY_METRIC.matcher(readme);
        while (metric.find()) {
            names.add(metric.group());
        }
        // a histogram's series carry suffixes the table leaves out
        Set<String> withSuffixes = new LinkedHashSet<>(names);
        names.forEach(name -> List.of("_bucket", "_count", "_sum").forEach(suffix -> withSuffixes.add(name + suffix)));
        return withSuffixes;
    }

    private static Set<String> loyaltyMetrics(String query) {
        Set<String> names = new LinkedHashSet<>();
        Matcher metric = LOYALTY_METRIC.matcher(query);
        while (metric.find()) {
            names.add(metric.group());
        }
        return names;
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(CHECKOUT.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
