-- Reads a job's header and results in one consistent snapshot, for its own tenant only: the owner is compared
-- before anything else is read, so another tenant's job answers exactly as an unknown one does.
-- KEYS: header, results, items kept for a retry
-- ARGV: tenant, what besides the header: results (R), items kept for a retry (K) or nothing (-)
-- Returns {} for an unknown or foreign job, else {header fields and values, fields and values of what was asked}.
if redis.call('HGET', KEYS[1], 'tenant') ~= ARGV[1] then return {} end
if ARGV[2] == 'R' then return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])} end
if ARGV[2] == 'K' then return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[3])} end
return {redis.call('HGETALL', KEYS[1]), {}}
