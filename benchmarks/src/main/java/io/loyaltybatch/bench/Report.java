package io.loyaltybatch.bench;

import io.loyaltybatch.model.WireCodec;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Writes one run's figures as JSON ({@code results.json}), a Markdown table ({@code results.md}) and a chart
 * ({@code throughput.png}) into a folder, and puts the table into {@code docs/benchmarks.md} between its result
 * markers.
 */
final class Report {

    static final String BEGIN = "<!-- bench:results -->";
    static final String END = "<!-- /bench:results -->";

    /** One line of the table: a measure, its figure, the target and whether the figure meets it. */
    record Row(String measure, String figure, String target, Boolean met) {}

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Double> throughput = new LinkedHashMap<>();

    void put(String key, Object value) {
        json.put(key, value);
    }

    void row(String measure, String figure, String target, Boolean met) {
        rows.add(new Row(measure, figure, target, met));
    }

    void bar(String label, double itemsPerSecond) {
        throughput.put(label, itemsPerSecond);
    }

    static String fmt(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    String markdown() {
        StringBuilder table = new StringBuilder("| measure | figure | target | met |\n|---|---|---|---|\n");
        for (Row row : rows) {
            table.append("| ")
                    .append(row.measure())
                    .append(" | ")
                    .append(row.figure())
                    .append(" | ")
                    .append(row.target() == null ? "" : row.target())
                    .append(" | ")
                    .append(row.met() == null ? "" : row.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return table.toString();
    }

    void write(Path folder, Path benchmarksDoc, String header) throws IOException {
        Files.createDirectories(folder);
        json.put("table", rows);
        Files.writeString(
                folder.resolve("results.json"),
                WireCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        String section = header + "\n" + markdown() + "\n![throughput]("
                + benchmarksDoc.getParent().relativize(folder.resolve("throughput.png")) + ")\n";
        Files.writeString(folder.resolve("results.md"), section);
        chart(folder.resolve("throughput.png"));
        if (Files.exists(benchmarksDoc)) {
            String doc = Files.readString(benchmarksDoc, StandardCharsets.UTF_8);
            int begin = doc.indexOf(BEGIN);
            int end = doc.indexOf(END);
            if (begin >= 0 && end > begin) {
                Files.writeString(
                        benchmarksDoc,
                        doc.substring(0, begin + BEGIN.length()) + "\n" + section + doc.substring(end),
                        StandardCharsets.UTF_8);
            }
        }
    }

    private void chart(Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        throughput.forEach((label, value) -> data.addValue(value, "items/s", label));
        JFreeChart chart = ChartFactory.createBarChart(
                "Sustained throughput (items/s, 2 cores, everything on one machine)",
                null,
                "items/s",
                data,
                PlotOrientation.HORIZONTAL,
                false,
                false,
                false);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 420);
    }
}
