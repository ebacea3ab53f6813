-- Ends a job before all its items took effect: stopped by its tenant, or failed by the watchdog with a reason. The
-- ledger has already recorded the end, so no further item takes effect: the items it holds records of
-- (processedCount) still land in the counters if they have not yet; all others are cancelled. The target status and
-- the states it may be reached from come from the caller (the state machine).
-- KEYS: header, results, items kept for a retry
-- ARGV: tenant ('' for any), target, targetFrom (comma-separated), reason ('' for none), processedCount, now,
--       retentionSeconds
-- Returns {NOT_FOUND, ALREADY (in the target status), FINISHED (ended otherwise) or ENDED, moves made}.
local function member(list, name) return string.find(',' .. list .. ',', ',' .. name .. ',', 1, true) ~= nil end
local h = redis.call('HMGET', KEYS[1], 'tenant', 'status', 'itemCount', 'invalid')
if not h[1] or (ARGV[1] ~= '' and h[1] ~= ARGV[1]) then return {'NOT_FOUND', ''} end
if h[2] == ARGV[2] then return {'ALREADY', ''} end
if not member(ARGV[3], h[2]) then return {'FINISHED', ''} end
local cancelled = tonumber(h[3]) - tonumber(h[4]) - tonumber(ARGV[5])
if cancelled < 0 then cancelled = 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'cancelled', cancelled, 'completedAt', ARGV[6], 'updatedAt', ARGV[6])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'failureReason', ARGV[4]) end
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], tonumber(ARGV[7])) end
return {'ENDED', h[2] .. '>' .. ARGV[2]}
