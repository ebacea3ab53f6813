-- processed_items becomes partitioned by ranges of job ids, so its age costs nothing: a range the sequence passed
-- longer ago than the retention is dropped whole (the worker's ProcessedItemPartitions creates ranges ahead of the
-- sequence and drops old ones) instead of its rows being deleted one by one. The key (job_id, item_index) already
-- holds the partition key, so one delivery and the next of an item always meet in the same partition. Results are
-- kept as text: they are written once and read back whole, never queried inside.
ALTER TABLE processed_items RENAME TO processed_items_before_ranges;
ALTER TABLE processed_items_before_ranges RENAME CONSTRAINT processed_items_pkey TO processed_items_before_ranges_pkey;
ALTER INDEX processed_items_processed_at RENAME TO processed_items_before_ranges_processed_at;
ALTER TABLE processed_items_before_ranges ALTER COLUMN result TYPE text USING result::text;

CREATE TABLE processed_items (
    job_id       bigint      NOT NULL,
    item_index   integer     NOT NULL,
    tenant_id    text        NOT NULL,
    result       text,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, item_index)
) PARTITION BY RANGE (job_id);

-- Every range partition but the default one: low and high bound, and when the job id sequence first went past high
-- (from then on no new block of ids falls into the range).
CREATE TABLE processed_item_ranges (
    partition_name text        PRIMARY KEY,
    low            bigint      NOT NULL,
    high           bigint      NOT NULL,
    passed_at      timestamptz
);

-- The rows so far hold every job id handed out until now: below the start of the next block.
DO $$
DECLARE
    bound bigint;
BEGIN
    SELECT last_value + 1000 INTO bound FROM job_ids;
    EXECUTE format('ALTER TABLE processed_items ATTACH PARTITION processed_items_before_ranges'
                   ' FOR VALUES FROM (MINVALUE) TO (%s)', bound);
    INSERT INTO processed_item_ranges VALUES ('processed_items_before_ranges', -9223372036854775808, bound, now());
END $$;

-- Ids no range holds (none, while the ranges are kept ahead of the sequence); its rows are deleted after the retention.
CREATE TABLE processed_items_outside_ranges PARTITION OF processed_items DEFAULT;
