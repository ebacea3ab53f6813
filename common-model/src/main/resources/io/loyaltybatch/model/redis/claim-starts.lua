-- Marks that a worker takes up items of a job: the job moves to the running status if it may. Whether an item may
-- still take effect is decided by the ledger (an ended job's items never do); here a job is only known, or not, to
-- an item's tenant. Status names and the states a move may start from come from the caller (the state machine).
-- KEYS: header
-- ARGV: now, tenant, running, runningFrom (comma-separated)
-- Returns {A (the job exists for this tenant) or X (no such job for this tenant), moves made ('from>to', or '')}.
local function member(list, name) return string.find(',' .. list .. ',', ',' .. name .. ',', 1, true) ~= nil end
local h = redis.call('HMGET', KEYS[1], 'status', 'tenant')
if not h[1] or h[2] ~= ARGV[2] then return {'X', ''} end
if member(ARGV[4], h[1]) then
  redis.call('HSET', KEYS[1], 'status', ARGV[3], 'startedAt', ARGV[1], 'updatedAt', ARGV[1])
  return {'A', h[1] .. '>' .. ARGV[3]}
end
if h[1] == ARGV[3] then redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1]) end
return {'A', ''}
