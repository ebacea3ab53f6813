-- Stops a queued or running job. Items not yet started are cancelled: workers check the status and the started set
-- in claim-starts.lua, so none of them starts once this has run.
-- KEYS: header, started, results
-- ARGV: tenant, now, retentionSeconds
-- Returns NOT_FOUND, ALREADY_STOPPED, FINISHED or STOPPED.
local h = redis.call('HMGET', KEYS[1], 'tenant', 'status', 'itemCount', 'invalid')
if not h[1] or h[1] ~= ARGV[1] then return 'NOT_FOUND' end
if h[2] == 'stopped' then return 'ALREADY_STOPPED' end
if h[2] ~= 'queued' and h[2] ~= 'running' then return 'FINISHED' end
local cancelled = tonumber(h[3]) - tonumber(h[4]) - redis.call('SCARD', KEYS[2])
redis.call('HSET', KEYS[1], 'status', 'stopped', 'cancelled', cancelled, 'completedAt', ARGV[2], 'updatedAt', ARGV[2])
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], tonumber(ARGV[3])) end
return 'STOPPED'
