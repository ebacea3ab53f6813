package io.loyaltybatch.gateway.tenant;

/** An authenticated tenant: one loyalty program. Everything a request touches is scoped by {@link #id()}. */
public record Tenant(String id) {}
