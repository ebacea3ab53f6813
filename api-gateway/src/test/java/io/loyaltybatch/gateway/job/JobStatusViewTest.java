package io.loyaltybatch.gateway.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.JobStatus;
import io.loyaltybatch.model.WireCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JobStatusViewTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void writesTheContractsDocumentWithEntriesSortedByIndexAndPayloadsAsStored() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("points", 40);
        payload.put("amount", "0.40");
        // results come back from the store in no order, their payloads as the JSON they were stored as
        List<ItemResult> results = List.of(
                        ItemResult.failure(2, null, ErrorCode.INVALID_VALUE, "customerId is required"),
                        ItemResult.success(1, "c-1", "Cashback added", payload),
                        ItemResult.failure(0, "c-0", ErrorCode.ITEM_NOT_PROCESSED, "Item could not be processed"),
                        ItemResult.success(3, "c-3", "Customer created"))
                .stream()
                .map(WireCodec::encode)
                .map(WireCodec::decodeResult)
                .toList();
        JobSnapshot job = new JobSnapshot(
                7,
                "t",
                ItemType.CASHBACK,
                JobStatus.COMPLETED,
                4,
                2,
                2,
                0,
                "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:01Z",
                "2026-01-01T00:00:02Z",
                null,
                results,
                null,
                JobSnapshot.Links.NONE);

        assertThat(mapper.writeValueAsString(JobStatusView.of(job)))
                .isEqualTo(
                        "{\"operation\":\"Cashback Reward Batch Job\",\"errorCount\":2,\"totalCount\":4,\"finishedCount\":2,"
                                + "\"startedAt\":\"2026-01-01T00:00:01Z\",\"createdAt\":\"2026-01-01T00:00:00Z\","
                                + "\"status\":\"completed\",\"response\":{\"successful\":["
                                + "{\"customerId\":\"c-1\",\"message\":\"Cashback added\",\"points\":40,\"amount\":\"0.40\","
                                + "\"index\":1},"
                                + "{\"customerId\":\"c-3\",\"message\":\"Customer created\",\"index\":3}],\"failed\":["
                                + "{\"customerId\":\"c-0\",\"error\":\"Item could not be processed\",\"code\":5000,\"index\":0},"
                                + "{\"customerId\":null,\"error\":\"customerId is required\",\"code\":3003,\"index\":2}]},"
                                + "\"jobId\":7,\"itemCount\":4,\"cancelledCount\":0,\"completedAt\":\"2026-01-01T00:00:02Z\"}");
    }

    @Test
    void aJobWithoutResultsHasANullResponse() {
        JobSnapshot job = new JobSnapshot(
                8,
                "t",
                ItemType.CUSTOMERS,
                JobStatus.QUEUED,
                1,
                0,
                0,
                0,
                "2026-01-01T00:00:00Z",
                null,
                null,
                null,
                List.of(),
                null,
                JobSnapshot.Links.NONE);

        assertThat(mapper.writeValueAsString(JobStatusView.of(job))).contains("\"response\":null");
    }
}
