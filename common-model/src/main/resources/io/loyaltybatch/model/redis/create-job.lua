-- Writes a new job atomically: header, counters and the results of items rejected at submit. The job starts in the
-- given initial status, or in the given status for a job all of whose items were rejected.
-- KEYS: header, results
-- ARGV: tenant, type, itemCount, now, activeTtlSeconds, retentionSeconds, invalidCount, initialStatus,
--       allRejectedStatus, parentJobId ('' for none), [index, resultJson]...
-- Returns 1, or 0 if the job already exists.
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local itemCount = tonumber(ARGV[3])
local invalid = tonumber(ARGV[7])
redis.call('HSET', KEYS[1], 'tenant', ARGV[1], 'type', ARGV[2], 'itemCount', itemCount,
    'finished', 0, 'errors', invalid, 'invalid', invalid, 'cancelled', 0, 'createdAt', ARGV[4], 'updatedAt', ARGV[4])
if ARGV[10] ~= '' then redis.call('HSET', KEYS[1], 'parentJob', ARGV[10]) end
for i = 11, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
end
local ttl = tonumber(ARGV[5])
if invalid >= itemCount then
  redis.call('HSET', KEYS[1], 'status', ARGV[9], 'completedAt', ARGV[4])
  ttl = tonumber(ARGV[6])
else
  redis.call('HSET', KEYS[1], 'status', ARGV[8])
end
redis.call('EXPIRE', KEYS[1], ttl)
if invalid > 0 then redis.call('EXPIRE', KEYS[2], ttl) end
return 1
