package io.loyaltybatch.worker.customer;

import io.loyaltybatch.schema.ItemStatements;
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
                ItemStatements.EXISTING_CUSTOMERS,
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
                ItemStatements.UPSERT_CUSTOMER,
                patches.stream()
                        .map(p -> new Object[] {
                            p.customer().tenantId(), p.customer().customerId(), p.profileJson()
                        })
                        .toList());
    }
}
