package io.loyaltybatch.worker.transaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Cashback and redemption transactions; a transaction id is unique per tenant and type. Runs inside the caller's
 * transaction, one round trip a call.
 */
public interface TransactionStore {

    record TransactionKey(String tenantId, String type, String transactionId) {}

    record PointTransaction(
            TransactionKey key,
            String customerId,
            Instant time,
            BigDecimal amount,
            long points,
            long ledgerId,
            long jobId,
            int itemIndex) {}

    Set<TransactionKey> existing(Collection<TransactionKey> transactions);

    /** @throws org.springframework.dao.DuplicateKeyException if a transaction id was taken meanwhile */
    void insert(List<PointTransaction> transactions);
}
