package io.loyaltybatch.worker.transaction;

import io.loyaltybatch.model.ItemEnvelope;
import io.loyaltybatch.worker.transaction.TransactionStore.TransactionKey;

/** The uniqueness key of a transaction item. */
final class TransactionKeys {

    private TransactionKeys() {}

    static TransactionKey of(ItemEnvelope item, String type) {
        return new TransactionKey(
                item.tenantId(), type, item.item().path("transactionId").asString());
    }
}
