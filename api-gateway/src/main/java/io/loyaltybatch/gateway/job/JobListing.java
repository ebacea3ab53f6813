package io.loyaltybatch.gateway.job;

import io.loyaltybatch.gateway.api.ApiException;
import io.loyaltybatch.gateway.tenant.Tenant;
import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Lists a tenant's own jobs, newest first, a page at a time (contract section 4a). Every parameter is checked
 * before the store is asked; the cursor is the store's position, encoded so clients treat it as opaque.
 */
@Service
public class JobListing {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    /** What a decoded cursor must look like: a listing member (creation millisecond and job id). */
    private static final Pattern POSITION = Pattern.compile("\\d{13}:\\d{16}");

    private final JobStore jobs;
    private final JobPace pace;

    JobListing(JobStore jobs, JobPace pace) {
        this.jobs = jobs;
        this.pace = pace;
    }

    /** A page, and the cursor of the next one (null after the oldest job). */
    public record Page(
            List<JobSummaryView> jobs,
            @Schema(types = {"string", "null"}) String nextCursor) {}

    /** Each argument as the client sent it, null when absent. */
    public Page list(Tenant tenant, String status, String type, String limit, String cursor) {
        JobStore.JobPage page = jobs.list(
                tenant.id(), new JobStore.JobQuery(status(status), type(type), limit(limit), position(cursor)));
        return new Page(
                page.jobs().stream()
                        .map(job -> JobSummaryView.of(job, pace.of(job)))
                        .toList(),
                page.next() == null ? null : encode(page.next()));
    }

    private static JobStatus status(String status) {
        if (status == null) {
            return null;
        }
        return Arrays.stream(JobStatus.values())
                .filter(candidate -> candidate.wireName().equals(status))
                .findFirst()
                .orElseThrow(() -> invalid("status must be one of "
                        + Arrays.stream(JobStatus.values())
                                .map(JobStatus::wireName)
                                .collect(Collectors.joining(", "))));
    }

    private static ItemType type(String type) {
        if (type == null) {
            return null;
        }
        return ItemType.fromPathName(type)
                .orElseThrow(() -> invalid("type must be one of "
                        + Arrays.stream(ItemType.values())
                                .map(ItemType::pathName)
                                .collect(Collectors.joining(", "))));
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (!limit.matches("\\d{1,3}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
            throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }

    private static String position(String cursor) {
        if (cursor == null) {
            return null;
        }
        String position;
        try {
            position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor is not one this API returned");
        }
        if (!POSITION.matcher(position).matches()) {
            throw invalid("cursor is not one this API returned");
        }
        return position;
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest(ErrorCode.INVALID_VALUE, message);
    }
}
