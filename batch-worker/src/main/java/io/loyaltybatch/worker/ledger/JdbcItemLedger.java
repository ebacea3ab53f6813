package io.loyaltybatch.worker.ledger;

import static io.loyaltybatch.worker.jdbc.PostgresArrays.bigint;
import static io.loyaltybatch.worker.jdbc.PostgresArrays.integer;
import static io.loyaltybatch.worker.jdbc.PostgresArrays.text;

import io.loyaltybatch.model.ErrorCode;
import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.model.ItemRef;
import io.loyaltybatch.model.ItemResult;
import io.loyaltybatch.model.SafeText;
import io.loyaltybatch.model.WireCodec;
import io.loyaltybatch.schema.ItemStatements;
import io.loyaltybatch.support.JdbcFailures;
import io.loyaltybatch.support.JobFence;
import io.loyaltybatch.worker.jdbc.PostgresArrays;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger in PostgreSQL. One transaction per poll: the jobs' fence locks are taken (see {@link JobFence}), then
 * the items' {@code (jobId, index)} rows are inserted unless their job has ended (a concurrent worker holding the same
 * item waits on the primary key, then sees it taken), then the given effects apply the newly claimed items, then their
 * results are stored in the claimed rows. Items claimed earlier re-report the stored result; items of an ended job
 * that were never claimed are cancelled. A fixed number of round trips per poll, whatever its size.
 */
@Component
class JdbcItemLedger implements ItemLedger {

    /** Claims items of jobs that have not ended; the caller holds the jobs' shared fence locks. */
    private static final String EARLIER_RESULTS = """
            SELECT p.job_id, p.item_index, p.tenant_id, p.result::text FROM processed_items p
            JOIN unnest(?::bigint[], ?::int[], ?::text[]) AS v(job_id, item_index, tenant_id)
              ON p.job_id = v.job_id AND p.item_index = v.item_index AND p.tenant_id = v.tenant_id""";

    private static final String RECORDED =
            "SELECT result::text FROM processed_items WHERE job_id = ? AND tenant_id = ? AND result IS NOT NULL";
    private static final String ENDED = "SELECT job_id FROM job_ends WHERE job_id = ANY (?::bigint[])";
    private static final String RECORD_UNPROCESSABLE = """
            INSERT INTO processed_items (job_id, item_index, tenant_id, result)
            SELECT ?, ?, ?, ?::jsonb WHERE NOT EXISTS (SELECT 1 FROM job_ends e WHERE e.job_id = ?)
            ON CONFLICT DO NOTHING""";
    private static final String STORED_RESULT =
            "SELECT result::text FROM processed_items WHERE job_id = ? AND item_index = ? AND tenant_id = ?";

    /** The primary key of a processed item. */
    private record ItemId(long jobId, int index, String tenantId) {
        static ItemId of(ItemRef item) {
            return new ItemId(item.jobId(), item.index(), item.tenantId());
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    JdbcItemLedger(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public List<LedgerOutcome> apply(List<ItemEnvelope> items, Effects effects) {
        if (items.isEmpty()) {
            return List.of();
        }
        return JdbcFailures.call(() -> transaction.execute(status -> applyInTransaction(items, effects)));
    }

    @Override
    public LedgerOutcome recordUnprocessable(ItemRef item) {
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

    private List<LedgerOutcome> applyInTransaction(List<ItemEnvelope> items, Effects effects) {
        JobFence.enterShared(jdbc, items.stream().map(ItemEnvelope::jobId).toList());
        Map<ItemId, ItemEnvelope> unique = new LinkedHashMap<>();
        items.forEach(item -> unique.putIfAbsent(ItemId.of(item), item));
        Set<ItemId> claimed = claim(new ArrayList<>(unique.values()));
        List<ItemId> unclaimed =
                unique.keySet().stream().filter(id -> !claimed.contains(id)).toList();
        Map<ItemId, ItemResult> results = new HashMap<>(earlierResults(unclaimed));
        Set<Long> ended = results.size() == unclaimed.size()
                ? Set.of()
                : ended(unclaimed.stream()
                        .filter(id -> !results.containsKey(id))
                        .map(ItemId::jobId)
                        .toList());
        List<ItemEnvelope> fresh = unique.values().stream()
                .filter(i -> claimed.contains(ItemId.of(i)))
                .toList();
        List<ItemResult> applied = fresh.isEmpty() ? List.of() : effects.apply(fresh);
        if (applied.size() != fresh.size()) {
            throw new IllegalStateException(applied.size() + " result(s) for " + fresh.size() + " item(s)");
        }
        storeResults(fresh, applied);
        for (int i = 0; i < fresh.size(); i++) {
            results.put(ItemId.of(fresh.get(i)), applied.get(i));
        }
        return items.stream().map(item -> outcome(item, results, ended)).toList();
    }

    private static LedgerOutcome outcome(ItemEnvelope item, Map<ItemId, ItemResult> results, Set<Long> ended) {
        ItemResult result = results.get(ItemId.of(item));
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

    private Set<ItemId> claim(List<ItemEnvelope> items) {
        List<ItemEnvelope> sorted = items.stream()
                .sorted(Comparator.comparingLong(ItemEnvelope::jobId).thenComparingInt(ItemEnvelope::index))
                .toList();
        Set<ItemId> claimed = new HashSet<>();
        PostgresArrays.query(
                jdbc,
                ItemStatements.CLAIM,
                row -> {
                    claimed.add(new ItemId(row.getLong(1), row.getInt(2), row.getString(3)));
                },
                bigint(sorted.stream().map(ItemEnvelope::jobId).toList()),
                integer(sorted.stream().map(ItemEnvelope::index).toList()),
                text(sorted.stream().map(ItemEnvelope::tenantId).toList()));
        return claimed;
    }

    private Map<ItemId, ItemResult> earlierResults(List<ItemId> earlier) {
        Map<ItemId, ItemResult> results = new HashMap<>();
        if (earlier.isEmpty()) {
            return results;
        }
        PostgresArrays.query(
                jdbc,
                EARLIER_RESULTS,
                row -> {
                    results.put(
                            new ItemId(row.getLong(1), row.getInt(2), row.getString(3)),
                            WireCodec.decodeResult(row.getString(4)));
                },
                bigint(earlier.stream().map(ItemId::jobId).toList()),
                integer(earlier.stream().map(ItemId::index).toList()),
                text(earlier.stream().map(ItemId::tenantId).toList()));
        return results;
    }

    private void storeResults(List<ItemEnvelope> fresh, List<ItemResult> applied) {
        if (fresh.isEmpty()) {
            return;
        }
        PostgresArrays.update(
                jdbc,
                ItemStatements.STORE_RESULTS,
                bigint(fresh.stream().map(ItemEnvelope::jobId).toList()),
                integer(fresh.stream().map(ItemEnvelope::index).toList()),
                text(applied.stream().map(WireCodec::encode).toList()));
    }
}
