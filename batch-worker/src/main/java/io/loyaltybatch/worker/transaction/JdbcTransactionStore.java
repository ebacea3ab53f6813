package io.loyaltybatch.worker.transaction;

import java.sql.PreparedStatement;
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
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(EXISTING);
                    statement.setArray(
                            1,
                            connection.createArrayOf(
                                    "text",
                                    transactions.stream()
                                            .map(TransactionKey::tenantId)
                                            .toArray()));
                    statement.setArray(
                            2,
                            connection.createArrayOf(
                                    "text",
                                    transactions.stream()
                                            .map(TransactionKey::type)
                                            .toArray()));
                    statement.setArray(
                            3,
                            connection.createArrayOf(
                                    "text",
                                    transactions.stream()
                                            .map(TransactionKey::transactionId)
                                            .toArray()));
                    return statement;
                },
                row -> {
                    found.add(new TransactionKey(row.getString(1), row.getString(2), row.getString(3)));
                });
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
