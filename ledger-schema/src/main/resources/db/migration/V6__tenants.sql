-- Tenants, their key pairs, programs and limits, shared by gateways and workers (each reads them through a cache that
-- lives a few seconds), and the audit log of every change made to them.
CREATE TABLE tenants (
    tenant_id  text        PRIMARY KEY,
    -- per-tenant limits (requestsPerSecond, burst, concurrentJobs, itemsPerDay, maxBodyBytes); a missing one takes
    -- the configured default
    limits     jsonb       NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A key pair: the public apikey and the SHA-256 digest of the secret, never the secret. While a rotation's grace
-- period runs, the previous secret's digest is accepted too.
CREATE TABLE tenant_keys (
    api_key               text        PRIMARY KEY,
    tenant_id             text        NOT NULL REFERENCES tenants,
    secret_sha256         bytea       NOT NULL,
    previous_secret_sha256 bytea,
    previous_valid_until  timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    rotated_at            timestamptz,
    revoked_at            timestamptz
);
CREATE INDEX tenant_keys_tenant ON tenant_keys (tenant_id);

-- Program settings, one row per version, never changed once written: a job's items carry the version current when
-- it was accepted, so all of them are applied under the same program.
CREATE TABLE programs (
    tenant_id  text        NOT NULL REFERENCES tenants,
    version    integer     NOT NULL CHECK (version > 0),
    settings   jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, version)
);

-- Who changed what of a tenant, and when; details never hold a secret or its digest.
CREATE TABLE tenant_audit (
    id        bigserial   PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL,
    action    text        NOT NULL,
    tenant_id text        NOT NULL,
    detail    jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX tenant_audit_tenant ON tenant_audit (tenant_id, id);
