-- Reads a job's header and results in one consistent snapshot, for its own tenant only: the owner is compared
-- before anything else is read, so another tenant's job answers exactly as an unknown one does.
-- KEYS: header, results
-- ARGV: tenant, withResults (1/0)
-- Returns {} for an unknown or foreign job, else {header fields and values, result fields and values}.
if redis.call('HGET', KEYS[1], 'tenant') ~= ARGV[1] then return {} end
if ARGV[2] ~= '1' then return {redis.call('HGETALL', KEYS[1]), {}} end
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
