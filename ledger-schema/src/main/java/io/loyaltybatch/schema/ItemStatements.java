package io.loyaltybatch.schema;

/**
 * The statements that apply a poll of customer items, next to the schema they run against: the worker's adapters run
 * them, and the benchmark's bare pipeline runs the very same ones, so its ceiling is the ceiling of this SQL.
 */
public final class ItemStatements {

    /** Which of the given jobs have ended. Parameter: {@code bigint[]} job ids. */
    public static final String ENDED_JOBS = "SELECT job_id FROM job_ends WHERE job_id = ANY (?::bigint[])";

    /**
     * Records applied items with their results, in one write per item: the rows the poll's effects go with. Rows are
     * taken in key order, so two writers of overlapping polls wait for each other instead of deadlocking; a row that
     * exists already is left alone and not counted, which tells the caller that another delivery recorded it first.
     * Parameters: {@code bigint[]} job ids, {@code int[]} indexes, {@code text[]} tenants, {@code text[]} results.
     */
    public static final String RECORD_RESULTS = """
            INSERT INTO processed_items (job_id, item_index, tenant_id, result)
            SELECT v.job_id, v.item_index, v.tenant_id, v.result
            FROM unnest(?::bigint[], ?::int[], ?::text[], ?::text[]) AS v(job_id, item_index, tenant_id, result)
            ORDER BY 1, 2
            ON CONFLICT DO NOTHING""";

    /** Which of the given customers exist. Parameters: {@code text[]} tenants, {@code text[]} customer ids. */
    public static final String EXISTING_CUSTOMERS = """
            SELECT c.tenant_id, c.customer_id FROM customers c
            JOIN unnest(?::text[], ?::text[]) AS k(tenant_id, customer_id)
              ON c.tenant_id = k.tenant_id AND c.customer_id = k.customer_id""";

    /**
     * Creates a customer or merges the fields sent into its profile ({@code custom} merged one level deeper), run as a
     * JDBC batch. Parameters: tenant, customer id, profile JSON.
     */
    public static final String UPSERT_CUSTOMER = """
            INSERT INTO customers AS c (tenant_id, customer_id, profile) VALUES (?, ?, ?::jsonb)
            ON CONFLICT (tenant_id, customer_id) DO UPDATE SET
              profile = c.profile || EXCLUDED.profile
                || CASE WHEN EXCLUDED.profile -> 'custom' IS NULL THEN '{}'::jsonb
                        ELSE jsonb_build_object('custom',
                               COALESCE(c.profile -> 'custom', '{}'::jsonb) || (EXCLUDED.profile -> 'custom')) END,
              updated_at = now()""";

    /** Takes the shared fence lock of each job (in id order). Parameters: {@code int[]} high, {@code int[]} low. */
    public static final String JOB_FENCE_SHARED =
            "SELECT pg_advisory_xact_lock_shared(h, l) FROM unnest(?::int[], ?::int[]) AS k(h, l)";

    private ItemStatements() {}
}
