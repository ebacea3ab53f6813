-- Balances kept in step with the ledger in the same transaction. available_points holds settled points only:
-- pending earns are added to it when their return window has passed (lazily when the customer is touched, and by a
-- periodic sweep). The CHECK is the last guard against a negative balance, whatever the application does.
ALTER TABLE customers
    ADD COLUMN available_points    bigint NOT NULL DEFAULT 0 CONSTRAINT available_points_not_negative
        CHECK (available_points >= 0),
    ADD COLUMN total_earned_points bigint NOT NULL DEFAULT 0;

-- Every movement of points, one row each. points is signed (earns and upward adjustments positive).
CREATE TABLE points_ledger (
    id           bigint      PRIMARY KEY,
    tenant_id    text        NOT NULL,
    customer_id  text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('EARN', 'PENDING_EARN', 'ADJUSTMENT_UP', 'ADJUSTMENT_DOWN',
                                                      'REDEMPTION')),
    points       bigint      NOT NULL,
    available_at timestamptz NOT NULL,
    settled      boolean     NOT NULL,
    source_type  text        NOT NULL,
    source_id    text,
    job_id       bigint      NOT NULL,
    item_index   integer     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, customer_id)
);
CREATE SEQUENCE points_ledger_id_seq OWNED BY points_ledger.id;
CREATE INDEX points_ledger_customer ON points_ledger (tenant_id, customer_id);
CREATE INDEX points_ledger_unsettled ON points_ledger (available_at) WHERE NOT settled;

-- orderId is unique per tenant.
CREATE TABLE orders (
    tenant_id      text          NOT NULL,
    order_id       text          NOT NULL,
    customer_id    text          NOT NULL,
    order_date     timestamptz   NOT NULL,
    total_paid     numeric(19,2) NOT NULL,
    details        jsonb         NOT NULL,
    rewarded_points bigint       NOT NULL,
    ledger_id      bigint        REFERENCES points_ledger (id),
    job_id         bigint        NOT NULL,
    item_index     integer       NOT NULL,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id)
);

-- transactionId is unique per tenant per type (cashback, redeem).
CREATE TABLE point_transactions (
    tenant_id        text          NOT NULL,
    type             text          NOT NULL,
    transaction_id   text          NOT NULL,
    customer_id      text          NOT NULL,
    transaction_time timestamptz   NOT NULL,
    amount           numeric(19,2),
    points           bigint        NOT NULL,
    ledger_id        bigint        NOT NULL REFERENCES points_ledger (id),
    job_id           bigint        NOT NULL,
    item_index       integer       NOT NULL,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, type, transaction_id)
);

CREATE TABLE customer_events (
    id          bigserial   PRIMARY KEY,
    tenant_id   text        NOT NULL,
    customer_id text        NOT NULL,
    name        text        NOT NULL,
    metadata    jsonb       NOT NULL,
    job_id      bigint      NOT NULL,
    item_index  integer     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, customer_id)
);
CREATE INDEX customer_events_customer ON customer_events (tenant_id, customer_id);
