package io.loyaltybatch.bench;

import io.loyaltybatch.engines.PostgresEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Ages the ledger: {@code rows} rows in {@code processed_items} and as many in {@code points_ledger} (for 100,000
 * customers of a tenant of their own), spread over the last 30 days, as a month of traffic would leave them:
 * vacuumed and checkpointed.
 */
final class Prefill {

    private Prefill() {}

    static void rows(PostgresEngine postgres, long rows) throws SQLException {
        try (Connection db = postgres.connect();
                Statement sql = db.createStatement()) {
            sql.execute("SET synchronous_commit = off");
            sql.execute("""
                    INSERT INTO customers (tenant_id, customer_id, profile)
                    SELECT 'aged', 'p-' || g, '{"email":"p@example.com"}'::jsonb FROM generate_series(1, 100000) g
                    ON CONFLICT DO NOTHING""");
            sql.execute("INSERT INTO processed_items (job_id, item_index, tenant_id, result, processed_at) "
                    + "SELECT 1000000 + g / 1000, (g % 1000)::int, 'aged', "
                    + "'{\"index\":0,\"customerId\":\"p-1\",\"message\":\"Customer created successfully\"}', "
                    + "now() - (g % 2592000) * interval '1 second' FROM generate_series(0, " + (rows - 1) + ") g");
            sql.execute("INSERT INTO points_ledger (id, tenant_id, customer_id, kind, points, available_at, settled, "
                    + "source_type, source_id, job_id, item_index, created_at) "
                    + "SELECT nextval('points_ledger_id_seq'), 'aged', 'p-' || (g % 100000 + 1), 'EARN', 10, now(), "
                    + "true, 'order', 'o-' || g, 1000000 + g / 1000, (g % 1000)::int, "
                    + "now() - (g % 2592000) * interval '1 second' FROM generate_series(0, " + (rows - 1) + ") g");
            // a month-old ledger has been vacuumed and its pages written out long ago: without this, the aged run
            // would measure autovacuum and the checkpoint working through the rows just inserted
            sql.execute("VACUUM (ANALYZE) customers, processed_items, points_ledger");
            sql.execute("CHECKPOINT");
        }
    }

    /** Rows in a table (an estimate is not enough: the report states the exact figure). */
    static long count(PostgresEngine postgres, String table) throws SQLException {
        try (Connection db = postgres.connect();
                Statement sql = db.createStatement();
                var rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
