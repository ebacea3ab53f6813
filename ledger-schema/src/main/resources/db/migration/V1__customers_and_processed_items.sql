-- Customer profiles, one row per tenant and customer id. Profile fields live in a JSON document so an update can
-- merge only the fields a client sent.
CREATE TABLE customers (
    tenant_id   text        NOT NULL,
    customer_id text        NOT NULL,
    profile     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, customer_id)
);

-- Every item ever applied, with its result. Written in the same transaction as the item's effect, so a redelivered
-- item finds its row and re-reports the stored result instead of applying again.
CREATE TABLE processed_items (
    job_id       bigint      NOT NULL,
    item_index   integer     NOT NULL,
    tenant_id    text        NOT NULL,
    result       jsonb,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, item_index)
);

CREATE INDEX processed_items_processed_at ON processed_items (processed_at);
