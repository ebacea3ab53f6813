-- Marks that a worker takes up items of a job: a queued job moves to running. Whether an item may still take effect
-- is decided by the ledger (an ended job's items never do); here a job is only known, or not, to an item's tenant.
-- KEYS: header
-- ARGV: now, tenant
-- Returns A (the job exists for this tenant) or X (no such job for this tenant).
local h = redis.call('HMGET', KEYS[1], 'status', 'tenant')
if not h[1] or h[2] ~= ARGV[2] then return 'X' end
if h[1] == 'queued' then
  redis.call('HSET', KEYS[1], 'status', 'running', 'startedAt', ARGV[1])
end
if h[1] == 'queued' or h[1] == 'running' then redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1]) end
return 'A'
