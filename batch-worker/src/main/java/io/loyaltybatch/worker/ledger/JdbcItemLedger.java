package io.loyaltybatch.worker.ledger;

import static io.loyaltybatch.worker.jdbc.PostgresArrays.bigint;
import static io.loyaltybatch.worker.jdbc.PostgresArrays.integer;
import static io.loyaltybatch.worker.jdbc.PostgresArrays.text;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.ItemType;
import io.loyaltybatch.model.SafeText;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.support.JdbcFailures;
import io.loyaltybatch.support.JobFence;
import io.loyaltybatch.worker.jdbc.PostgresArrays;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger in PostgreSQL. One transaction per poll: the jobs' fence locks are taken (see {@link JobFence}), then
 * the items' {@code (jobId, index)} rows are inserted unless their job has ended (a concurrent worker holding the same
 * item waits on the primary key, then sees it taken), then the handlers apply the newly claimed items, then their
 * results are stored in the claimed rows. Items claimed earlier re-report the stored result; items of an ended job
 * that were never claimed are cancelled. A fixed number of round trips per poll, whatever its size.
 */
@Component
class JdbcItemLedger implements ItemLedger {

    /** Claims items of jobs that have not ended; the caller holds the jobs' shared fence locks. */
    private static final String CLAIM = """
            INSERT INTO processed_items (job_id, item_index, tenant_id)
            SELECT v.job_id, v.item_index, v.tenant_id
            FROM unnest(?::bigint[], ?::int[], ?::text[]) AS v(job_id, item_index, tenant_id)
            WHERE NOT EXISTS (SELECT 1 FROM job_ends e WHERE e.job_id = v.job_id)
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING
            RETURNING job_id, item_index, tenant_id""";

    private static final String EARLIER_RESULTS = """
            SELECT p.job_id, p.item_index, p.tenant_id, p.result::text FROM processed_items p
            JOIN unnest(?::bigint[], ?::int[], ?::text[]) AS v(job_id, item_index, tenant_id)
              ON p.job_id = v.job_id AND p.item_index = v.item_index AND p.tenant_id = v.tenant_id""";
    private static final String STORE_RESULTS = """
            UPDATE processed_items p SET result = v.result::jsonb
            FROM unnest(?::bigint[], ?::int[], ?::text[]) AS v(job_id, item_index, result)
            WHERE p.job_id = v.job_id AND p.item_index = v.item_index""";

    private static final String RECORDED =
            "SELECT result::text FROM processed_items WHERE job_id = ? AND tenant_id = ? AND result IS NOT NULL";
    private static final String ENDED = "SELECT job_id FROM job_ends WHERE job_id = ANY (?::bigint[])";
    private static final String RECORD_UNPROCESSABLE = """
            INSERT INTO processed_items (job_id, item_index, tenant_id, result)
            SELECT ?, ?, ?, ?::jsonb WHERE NOT EXISTS (SELECT 1 FROM job_ends e WHERE e.job_id = ?)
            ON CONFLICT DO NOTHING""";
    private static final String STORED_RESULT =
            "SELECT result::text FROM processed_items WHERE job_id = ? AND item_index = ? AND tenant_id = ?";

    private record ItemRef(long jobId, int index, String tenantId) {
        static ItemRef of(ItemEnvelope item) {
            return new ItemRef(item.jobId(), item.index(), item.tenantId());
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Map<ItemType, ItemHandler> handlers = new EnumMap<>(ItemType.class);

    JdbcItemLedger(JdbcTemplate jdbc, TransactionTemplate transaction, List<ItemHandler> handlers) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        handlers.forEach(h -> this.handlers.put(h.type(), h));
    }

    @Override
    public List<LedgerOutcome> apply(List<ItemEnvelope> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        return JdbcFailures.call(() -> transaction.execute(status -> applyInTransaction(items)));
    }

    @Override
    public LedgerOutcome recordUnprocessable(ItemEnvelope item) {
        // whatever the item holds, this result can be stored: its only text from the item is made safe
        ItemResult failed = ItemResult.failure(
                item.index(),
                SafeText.sanitise(item.customerId(), ItemResult.MAX_CUSTOMER_ID_CHARS),
                ErrorCode.ITEM_NOT_PROCESSED,
                "Item could not be processed");
        return JdbcFailures.call(() -> transaction.execute(status -> {
            JobFence.enterShared(jdbc, List.of(item.jobId()));
            jdbc.update(
                    RECORD_UNPROCESSABLE,
                    item.jobId(),
                    item.index(),
                    item.tenantId(),
                    WireCodec.encode(failed),
                    item.jobId());
            return jdbc.queryForList(STORED_RESULT, String.class, item.jobId(), item.index(), item.tenantId()).stream()
                    .findFirst()
                    .<LedgerOutcome>map(stored -> new LedgerOutcome.Recorded(WireCodec.decodeResult(stored)))
                    .orElseGet(() -> ended(List.of(item.jobId())).isEmpty()
                            ? new LedgerOutcome.Recorded(failed)
                            : new LedgerOutcome.Cancelled());
        }));
    }

    @Override
    public List<ItemResult> recorded(String tenantId, long jobId) {
        return JdbcFailures.call(() -> jdbc.queryForList(RECORDED, String.class, jobId, tenantId)).stream()
                .map(WireCodec::decodeResult)
                .toList();
    }

    private List<LedgerOutcome> applyInTransaction(List<ItemEnvelope> items) {
        JobFence.enterShared(jdbc, items.stream().map(ItemEnvelope::jobId).toList());
        Map<ItemRef, ItemEnvelope> unique = new java.util.LinkedHashMap<>();
        items.forEach(item -> unique.putIfAbsent(ItemRef.of(item), item));
        Set<ItemRef> claimed = claim(new ArrayList<>(unique.values()));
        List<ItemRef> unclaimed =
                unique.keySet().stream().filter(ref -> !claimed.contains(ref)).toList();
        Map<ItemRef, ItemResult> results = new HashMap<>(earlierResults(unclaimed));
        Set<Long> ended = results.size() == unclaimed.size()
                ? Set.of()
                : ended(unclaimed.stream()
                        .filter(ref -> !results.containsKey(ref))
                        .map(ItemRef::jobId)
                        .toList());
        List<ItemEnvelope> fresh = unique.values().stream()
                .filter(i -> claimed.contains(ItemRef.of(i)))
                .toList();
        Map<ItemRef, ItemResult> applied = applyInSegments(fresh);
        storeResults(fresh, applied);
        results.putAll(applied);
        return items.stream().map(item -> outcome(item, results, ended)).toList();
    }

    private static LedgerOutcome outcome(ItemEnvelope item, Map<ItemRef, ItemResult> results, Set<Long> ended) {
        ItemResult result = results.get(ItemRef.of(item));
        if (result != null) {
            return new LedgerOutcome.Recorded(result);
        }
        if (ended.contains(item.jobId())) {
            return new LedgerOutcome.Cancelled();
        }
        // the (jobId, index) is taken by another tenant's item: never report its result
        throw new IllegalStateException("an item's id is already taken by another tenant's item");
    }

    /** Which of these jobs have ended. */
    private Set<Long> ended(List<Long> jobIds) {
        Set<Long> ended = new HashSet<>();
        PostgresArrays.query(
                jdbc,
                ENDED,
                row -> {
                    ended.add(row.getLong(1));
                },
                bigint(jobIds.stream().distinct().toList()));
        return ended;
    }

    /** Consecutive items of one type go to their handler together, which keeps each customer's order. */
    private Map<ItemRef, ItemResult> applyInSegments(List<ItemEnvelope> fresh) {
        Map<ItemRef, ItemResult> applied = new HashMap<>();
        int start = 0;
        while (start < fresh.size()) {
            ItemType type = fresh.get(start).type();
            int end = start;
            while (end < fresh.size() && fresh.get(end).type() == type) {
                end++;
            }
            List<ItemEnvelope> segment = fresh.subList(start, end);
            ItemHandler handler = handlers.get(type);
            if (handler == null) {
                throw new IllegalStateException("no handler for item type " + type);
            }
            List<ItemResult> segmentResults = handler.apply(segment);
            for (int i = 0; i < segment.size(); i++) {
                applied.put(ItemRef.of(segment.get(i)), segmentResults.get(i));
            }
            start = end;
        }
        return applied;
    }

    private Set<ItemRef> claim(List<ItemEnvelope> items) {
        List<ItemEnvelope> sorted = items.stream()
                .sorted(Comparator.comparingLong(ItemEnvelope::jobId).thenComparingInt(ItemEnvelope::index))
                .toList();
        Set<ItemRef> claimed = new HashSet<>();
        PostgresArrays.query(
                jdbc,
                CLAIM,
                row -> {
                    claimed.add(new ItemRef(row.getLong(1), row.getInt(2), row.getString(3)));
                },
                bigint(sorted.stream().map(ItemEnvelope::jobId).toList()),
                integer(sorted.stream().map(ItemEnvelope::index).toList()),
                text(sorted.stream().map(ItemEnvelope::tenantId).toList()));
        return claimed;
    }

    private Map<ItemRef, ItemResult> earlierResults(List<ItemRef> earlier) {
        Map<ItemRef, ItemResult> results = new HashMap<>();
        if (earlier.isEmpty()) {
            return results;
        }
        PostgresArrays.query(
                jdbc,
                EARLIER_RESULTS,
                row -> {
                    results.put(
                            new ItemRef(row.getLong(1), row.getInt(2), row.getString(3)),
                            WireCodec.decodeResult(row.getString(4)));
                },
                bigint(earlier.stream().map(ItemRef::jobId).toList()),
                integer(earlier.stream().map(ItemRef::index).toList()),
                text(earlier.stream().map(ItemRef::tenantId).toList()));
        return results;
    }

    private void storeResults(List<ItemEnvelope> fresh, Map<ItemRef, ItemResult> applied) {
        if (fresh.isEmpty()) {
            return;
        }
        PostgresArrays.update(
                jdbc,
                STORE_RESULTS,
                bigint(fresh.stream().map(ItemEnvelope::jobId).toList()),
                integer(fresh.stream().map(ItemEnvelope::index).toList()),
                text(fresh.stream()
                        .map(i -> WireCodec.encode(applied.get(ItemRef.of(i))))
                        .toList()));
    }
}
