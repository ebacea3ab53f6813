package io.loyaltybatch.gateway.tenant;

import java.util.Objects;

/**
 * An authenticated tenant: one loyalty program. Everything a request touches is scoped by {@link #id()}.
 *
 * @param limits the tenant's own limits, as last read
 * @param lane   the lane its items travel in ({@code docs/fair-share.md}); {@code null} for the default lane
 */
public record Tenant(String id, TenantLimits limits, String lane) {

    public Tenant {
        Objects.requireNonNull(id, "id");
        limits = limits == null ? TenantLimits.NONE : limits;
    }

    /** A tenant on the default limits and lane. */
    public Tenant(String id) {
        this(id, TenantLimits.NONE, null);
    }
}
