-- Ends a job that has made no progress since a given time, as failed with a reason. Like a stop: items that never
-- started are cancelled (claim-starts.lua keeps them from starting later); started items may still land.
-- KEYS: header, started, results
-- ARGV: now, retentionSeconds, failureReason, stalledSince (ISO instant; later progress keeps the job alive)
-- Returns FAILED, ALIVE (progress since), or GONE (unknown or already ended).
local h = redis.call('HMGET', KEYS[1], 'status', 'itemCount', 'invalid', 'updatedAt')
if h[1] ~= 'queued' and h[1] ~= 'running' then return 'GONE' end
if h[4] and h[4] > ARGV[4] then return 'ALIVE' end
local cancelled = tonumber(h[2]) - tonumber(h[3]) - redis.call('SCARD', KEYS[2])
redis.call('HSET', KEYS[1], 'status', 'failed', 'failureReason', ARGV[3], 'cancelled', cancelled,
    'completedAt', ARGV[1], 'updatedAt', ARGV[1])
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], tonumber(ARGV[2])) end
return 'FAILED'
