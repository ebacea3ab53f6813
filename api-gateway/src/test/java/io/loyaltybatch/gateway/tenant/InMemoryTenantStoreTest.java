package io.loyaltybatch.gateway.tenant;

class InMemoryTenantStoreTest extends TenantStoreContract {

    private final InMemoryTenantStore store = new InMemoryTenantStore();

    @Override
    TenantStore store() {
        return store;
    }
}
