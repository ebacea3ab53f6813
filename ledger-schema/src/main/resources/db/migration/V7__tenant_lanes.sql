-- The lane a tenant's items travel in (docs/fair-share.md): the topic <items topic>.lane.<lane>. Fixed when the tenant
-- is created, so a customer's items never travel in two lanes; NULL is the default lane, the items topic itself.
ALTER TABLE tenants ADD COLUMN lane text CHECK (lane ~ '^[a-z0-9][a-z0-9-]{0,62}$');
