package io.loyaltybatch.worker.customer;

import io.loyaltybatch.worker.jdbc.PostgresArrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Profiles in the {@code customers} table, as JSON documents merged on update. */
@Component
class JdbcCustomerStore implements CustomerStore {

    private static final String EXISTING = """
            SELECT c.tenant_id, c.customer_id FROM customers c
            JOIN unnest(?::text[], ?::text[]) AS k(tenant_id, customer_id)
              ON c.tenant_id = k.tenant_id AND c.customer_id = k.customer_id""";
    private static final String UPSERT = """
            INSERT INTO customers AS c (tenant_id, customer_id, profile) VALUES (?, ?, ?::jsonb)
            ON CONFLICT (tenant_id, customer_id) DO UPDATE SET
              profile = c.profile || EXCLUDED.profile
                || CASE WHEN EXCLUDED.profile -> 'custom' IS NULL THEN '{}'::jsonb
                        ELSE jsonb_build_object('custom',
                               COALESCE(c.profile -> 'custom', '{}'::jsonb) || (EXCLUDED.profile -> 'custom')) END,
              updated_at = now()""";

    private final JdbcTemplate jdbc;

    JdbcCustomerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Set<CustomerKey> existing(Collection<CustomerKey> customers) {
        Set<CustomerKey> found = new HashSet<>();
        if (customers.isEmpty()) {
            return found;
        }
        PostgresArrays.query(
                jdbc,
                EXISTING,
                row -> {
                    found.add(new CustomerKey(row.getString(1), row.getString(2)));
                },
                PostgresArrays.text(
                        customers.stream().map(CustomerKey::tenantId).toList()),
                PostgresArrays.text(
                        customers.stream().map(CustomerKey::customerId).toList()));
        return found;
    }

    @Override
    public void upsert(List<ProfilePatch> patches) {
        jdbc.batchUpdate(
                UPSERT,
                patches.stream()
                        .map(p -> new Object[] {
                            p.customer().tenantId(), p.customer().customerId(), p.profileJson()
                        })
                        .toList());
    }
}
