package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.WireCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/**
 * A job's results as a file (contract section 4b): one line per item, sorted by index, as NDJSON or CSV, all of
 * them or only the successful or the failed ones. Read for the job's own tenant only, as its status is.
 */
@Service
public class JobResultsExport {

    /** The export formats: what {@code format} names, the media type of the answer. */
    public enum Format {
        NDJSON("ndjson", MediaType.parseMediaType("application/x-ndjson")),
        CSV("csv", MediaType.parseMediaType("text/csv;charset=UTF-8"));

        private final String parameter;
        private final MediaType mediaType;

        Format(String parameter, MediaType mediaType) {
            this.parameter = parameter;
            this.mediaType = mediaType;
        }

        public MediaType mediaType() {
            return mediaType;
        }

        public String extension() {
            return parameter;
        }
    }

    /** The columns of the CSV form, in order; NDJSON lines have the same fields, {@code payload} as an object. */
    static final List<String> COLUMNS = List.of("index", "customerId", "outcome", "code", "message", "payload");

    /** The results to write and how. */
    public record Export(long jobId, Format format, List<ItemResult> results) {

        public void writeTo(OutputStream out) throws IOException {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            if (format == Format.CSV) {
                writer.write(String.join(",", COLUMNS));
                writer.write("\r\n");
            }
            for (ItemResult result : results) {
                writer.write(format == Format.CSV ? csvLine(result) : ndjsonLine(result));
            }
            writer.flush();
        }
    }

    private final JobStore jobs;

    JobResultsExport(JobStore jobs) {
        this.jobs = jobs;
    }

    /** Each argument as the client sent it, null when absent; an unknown or foreign job is a 404. */
    public Export export(Tenant tenant, long jobId, String outcome, String format) {
        Boolean successful = outcome(outcome);
        Format chosen = format(format);
        JobSnapshot job = jobs.find(tenant.id(), jobId).orElseThrow(() -> JobStatusReading.jobNotFound(jobId));
        List<ItemResult> results = job.results().stream()
                .filter(result -> successful == null || result.successful() == successful)
                .sorted(Comparator.comparingInt(ItemResult::index))
                .toList();
        return new Export(jobId, chosen, results);
    }

    private static Boolean outcome(String outcome) {
        if (outcome == null) {
            return null;
        }
        return switch (outcome) {
            case "successful" -> true;
            case "failed" -> false;
            default -> throw invalid("outcome must be successful or failed");
        };
    }

    private static Format format(String format) {
        if (format == null) {
            return Format.NDJSON;
        }
        for (Format candidate : Format.values()) {
            if (candidate.parameter.equals(format)) {
                return candidate;
            }
        }
        throw invalid("format must be ndjson or csv");
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest(ErrorCode.INVALID_VALUE, message);
    }

    private static String ndjsonLine(ItemResult result) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("index", result.index());
        line.put("customerId", result.customerId());
        line.put("outcome", result.successful() ? "successful" : "failed");
        line.put("code", result.successful() ? null : result.code().code());
        line.put("message", result.message());
        line.put("payload", result.payload());
        return WireCodec.mapper().writeValueAsString(line) + "\n";
    }

    private static String csvLine(ItemResult result) {
        return String.join(
                        ",",
                        Integer.toString(result.index()),
                        csvField(result.customerId()),
                        result.successful() ? "successful" : "failed",
                        result.successful()
                                ? ""
                                : Integer.toString(result.code().code()),
                        csvField(result.message()),
                        result.payload().isEmpty()
                                ? ""
                                : csvField(WireCodec.mapper().writeValueAsString(result.payload())))
                + "\r\n";
    }

    /**
     * RFC 4180: quoted when it holds a comma, a quote or a line break, its quotes doubled. A value a spreadsheet would
     * take for a formula (it begins with {@code = + - @}, a tab or a carriage return) gets a leading {@code '} and is
     * quoted, so that it is shown as text (OWASP's advice against CSV injection).
     */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) {
            return "\"'" + value.replace("\"", "\"\"") + '"';
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** The first characters that make a spreadsheet read a cell as a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";
}
