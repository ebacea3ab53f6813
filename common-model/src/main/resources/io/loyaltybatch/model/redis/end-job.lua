-- Ends an active job before all its items took effect: stopped by its tenant, or failed by the watchdog with a
-- reason. The ledger has already recorded the end, so no further item takes effect: the items it holds records of
-- (processedCount) still land in the counters if they have not yet; all others are cancelled.
-- KEYS: header, results
-- ARGV: tenant ('' for any), status (stopped|failed), reason ('' for none), processedCount, now, retentionSeconds
-- Returns NOT_FOUND, ALREADY_STOPPED, FINISHED or ENDED.
local h = redis.call('HMGET', KEYS[1], 'tenant', 'status', 'itemCount', 'invalid')
if not h[1] or (ARGV[1] ~= '' and h[1] ~= ARGV[1]) then return 'NOT_FOUND' end
if h[2] == 'stopped' then return 'ALREADY_STOPPED' end
if h[2] ~= 'queued' and h[2] ~= 'running' then return 'FINISHED' end
local cancelled = tonumber(h[3]) - tonumber(h[4]) - tonumber(ARGV[4])
if cancelled < 0 then cancelled = 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'cancelled', cancelled, 'completedAt', ARGV[5], 'updatedAt', ARGV[5])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'failureReason', ARGV[3]) end
for i = 1, 2 do redis.call('EXPIRE', KEYS[i], tonumber(ARGV[6])) end
return 'ENDED'
