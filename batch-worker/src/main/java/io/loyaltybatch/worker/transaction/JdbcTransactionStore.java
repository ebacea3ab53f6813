package io.loyaltybatch.worker.transaction;

import io.loyaltybatch.worker.jdbc.PostgresArrays;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Transactions in the {@code point_transactions} table. */
@Component
class JdbcTransactionStore implements TransactionStore {

    private static final String EXISTING = """
            SELECT t.tenant_id, t.type, t.transaction_id FROM point_transactions t
            JOIN unnest(?::text[], ?::text[], ?::text[]) AS k(tenant_id, type, transaction_id)
              ON t.tenant_id = k.tenant_id AND t.type = k.type AND t.transaction_id = k.transaction_id""";
    private static final String INSERT = """
            INSERT INTO point_transactions (tenant_id, type, transaction_id, customer_id, transaction_time, amount,
                                            points, ledger_id, job_id, item_index)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    JdbcTransactionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<TransactionKey> existing(Collection<TransactionKey> transactions) {
        Set<TransactionKey> found = new HashSet<>();
        if (transactions.isEmpty()) {
            return found;
        }
        PostgresArrays.query(
                jdbc,
                EXISTING,
                row -> {
                    found.add(new TransactionKey(row.getString(1), row.getString(2), row.getString(3)));
                },
                PostgresArrays.text(
                        transactions.stream().map(TransactionKey::tenantId).toList()),
                PostgresArrays.text(
                        transactions.stream().map(TransactionKey::type).toList()),
                PostgresArrays.text(
                        transactions.stream().map(TransactionKey::transactionId).toList()));
        return found;
    }

    @Override
    public void insert(List<PointTransaction> transactions) {
        jdbc.batchUpdate(
                INSERT,
                transactions.stream()
                        .map(t -> new Object[] {
                            t.key().tenantId(),
                            t.key().type(),
                            t.key().transactionId(),
                            t.customerId(),
                            Timestamp.from(t.time()),
                            t.amount(),
                            t.points(),
                            t.ledgerId(),
                            t.jobId(),
                            t.itemIndex()
                        })
                        .toList());
    }
}
