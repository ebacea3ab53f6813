package io.loyaltybatch.support.program;

import io.loyaltybatch.model.ProgramSettings;

/**
 * Tenants' programs as the database holds them. A version, once written, never changes; the current version is seen
 * within the tenant cache's time to live ({@code loyalty.tenant-cache.ttl}) of its writing.
 */
public interface Programs {

    /** The tenant's current program ({@link Program#DEFAULTS} if it has none). */
    Program current(String tenantId);

    /** The settings of one version of the tenant's program; version 0 is the current one. */
    ProgramSettings settings(String tenantId, int version);
}
