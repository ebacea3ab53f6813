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
 * The ledger in PostgreSQL. One transaction per poll: the jobs' fence locks are taken (see {@link JobFence}), the
 * given effects apply the items of jobs that have not ended, and each applied item is recorded with its result under
 * its {@code (jobId, index)}, one write per item. A redelivery is rare, so a poll first assumes its items are new; if
 * any was recorded before (or by a concurrent worker holding the same records for a moment of a rebalance), its row
 * already exists, the whole transaction is rolled back, and the poll is applied again knowing the recorded results:
 * those items re-report them, the rest apply. Items of an ended job that were never recorded are cancelled. A fixed
 * number of round trips per poll, whatever its size.
 */
@Component
class JdbcItemLedger implements ItemLedger {

    /** The recorded results of the given items, with the tenant each was recorded for. */
    private static final String EARLIER_RESULTS = """
            SELECT p.job_id, p.item_index, p.tenant_id, p.result FROM processed_items p
            JOIN unnest(?::bigint[], ?::int[]) AS v(job_id, item_index)
              ON p.job_id = v.job_id AND p.item_index = v.item_index""";

    /** Tries of a poll when other deliveries keep recording its items first; each try sees what the last did. */
    static final int MAX_TRIES = 3;

    private static final String RECORDED =
            "SELECT result FROM processed_items WHERE job_id = ? AND tenant_id = ? AND result IS NOT NULL";
    private static final String RECORD_UNPROCESSABLE = """
            INSERT INTO processed_items (job_id, item_index, tenant_id, result)
            SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM job_ends e WHERE e.job_id = ?)
            ON CONFLICT DO NOTHING""";
    private static final String STORED_RESULT =
            "SELECT result FROM processed_items WHERE job_id = ? AND item_index = ? AND tenant_id = ?";

    /** The primary key of a processed item. */
    private record ItemId(long jobId, int index) {
        static ItemId of(ItemRef item) {
            return new ItemId(item.jobId(), item.index());
        }
    }

    /** A result as recorded, with the tenant of the item it was recorded for, and whether by an earlier delivery. */
    private record Recorded(String tenantId, ItemResult result, boolean earlier) {}

    /** Some of a poll's items were recorded by another delivery: the transaction is rolled back and tried again. */
    private static final class RecordedMeanwhile extends RuntimeException {
        RecordedMeanwhile() {
            super("an item of the poll was recorded by another delivery", null, false, false);
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
        for (int tries = 1; ; tries++) {
            boolean readEarlier = tries > 1;
            try {
                return JdbcFailures.call(
                        () -> transaction.execute(status -> applyInTransaction(items, effects, readEarlier)));
            } catch (RecordedMeanwhile e) {
                if (tries == MAX_TRIES) {
                    throw new IllegalStateException(
                            "items of the poll kept being recorded by other deliveries (" + tries + " tries)");
                }
            }
        }
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
            boolean recordedNow = jdbc.update(
                            RECORD_UNPROCESSABLE,
                            item.jobId(),
                            item.index(),
                            item.tenantId(),
                            WireCodec.encode(failed),
                            item.jobId())
                    == 1;
            return jdbc.queryForList(STORED_RESULT, String.class, item.jobId(), item.index(), item.tenantId()).stream()
                    .findFirst()
                    .<LedgerOutcome>map(
                            stored -> new LedgerOutcome.Recorded(WireCodec.decodeResult(stored), !recordedNow))
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

    private List<LedgerOutcome> applyInTransaction(List<ItemEnvelope> items, Effects effects, boolean readEarlier) {
        List<Long> jobIds = items.stream().map(ItemEnvelope::jobId).distinct().toList();
        JobFence.enterShared(jdbc, jobIds);
        Set<Long> ended = ended(jobIds);
        Map<ItemId, ItemEnvelope> unique = new LinkedHashMap<>();
        items.forEach(item -> unique.putIfAbsent(ItemId.of(item), item));
        Map<ItemId, Recorded> earlier = earlierResults(unique.values().stream()
                .filter(item -> readEarlier || ended.contains(item.jobId()))
                .map(ItemId::of)
                .toList());
        List<ItemEnvelope> fresh = unique.entrySet().stream()
                .filter(e -> !earlier.containsKey(e.getKey())
                        && !ended.contains(e.getValue().jobId()))
                .map(Map.Entry::getValue)
                .toList();
        List<ItemResult> applied = fresh.isEmpty() ? List.of() : effects.apply(fresh);
        if (applied.size() != fresh.size()) {
            throw new IllegalStateException(applied.size() + " result(s) for " + fresh.size() + " item(s)");
        }
        if (record(fresh, applied) != fresh.size()) {
            throw new RecordedMeanwhile();
        }
        Map<ItemId, Recorded> results = new HashMap<>(earlier);
        for (int i = 0; i < fresh.size(); i++) {
            results.put(ItemId.of(fresh.get(i)), new Recorded(fresh.get(i).tenantId(), applied.get(i), false));
        }
        return items.stream().map(item -> outcome(item, results, ended)).toList();
    }

    private static LedgerOutcome outcome(ItemEnvelope item, Map<ItemId, Recorded> results, Set<Long> ended) {
        Recorded recorded = results.get(ItemId.of(item));
        if (recorded != null) {
            if (!recorded.tenantId().equals(item.tenantId())) {
                // the (jobId, index) is taken by another tenant's item: never report its result
                throw new IllegalStateException("an item's id is already taken by another tenant's item");
            }
            return new LedgerOutcome.Recorded(recorded.result(), recorded.earlier());
        }
        if (ended.contains(item.jobId())) {
            return new LedgerOutcome.Cancelled();
        }
        throw new IllegalStateException("an item was neither applied, recorded before, nor of an ended job");
    }

    /** Which of these jobs have ended. */
    private Set<Long> ended(List<Long> jobIds) {
        Set<Long> ended = new HashSet<>();
        PostgresArrays.query(
                jdbc,
                ItemStatements.ENDED_JOBS,
                row -> {
                    ended.add(row.getLong(1));
                },
                bigint(jobIds.stream().distinct().toList()));
        return ended;
    }

    private Map<ItemId, Recorded> earlierResults(List<ItemId> items) {
        Map<ItemId, Recorded> results = new HashMap<>();
        if (items.isEmpty()) {
            return results;
        }
        PostgresArrays.query(
                jdbc,
                EARLIER_RESULTS,
                row -> {
                    results.put(
                            new ItemId(row.getLong(1), row.getInt(2)),
                            new Recorded(row.getString(3), WireCodec.decodeResult(row.getString(4)), true));
                },
                bigint(items.stream().map(ItemId::jobId).toList()),
                integer(items.stream().map(ItemId::index).toList()));
        return results;
    }

    /** Records the applied items with their results; returns how many were recorded now. */
    private int record(List<ItemEnvelope> fresh, List<ItemResult> applied) {
        if (fresh.isEmpty()) {
            return 0;
        }
        return PostgresArrays.update(
                jdbc,
                ItemStatements.RECORD_RESULTS,
                bigint(fresh.stream().map(ItemEnvelope::jobId).toList()),
                integer(fresh.stream().map(ItemEnvelope::index).toList()),
                text(fresh.stream().map(ItemEnvelope::tenantId).toList()),
                text(applied.stream().map(WireCodec::encode).toList()));
    }
}
