package io.loyaltybatch.model;

import java.util.Map;

/** The program settings of every tenant; a tenant without its own entry runs on the contract's defaults. */
public final class ProgramCatalog {

    private final Map<String, ProgramSettings> byTenant;

    public ProgramCatalog(Map<String, ProgramSettings> byTenant) {
        this.byTenant = byTenant == null ? Map.of() : Map.copyOf(byTenant);
    }

    public ProgramSettings of(String tenantId) {
        return byTenant.getOrDefault(tenantId, ProgramSettings.DEFAULTS);
    }
}
