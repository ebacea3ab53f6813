-- Records item results of one job. Each index is claimed once (HSETNX), so a redelivered item never counts twice.
-- Moves an active job to its terminal status when the last item lands.
-- KEYS: header, results
-- ARGV: now, retentionSeconds, [index, ok (1/0), resultJson]...
-- Returns the job's status after recording, or X if the job is unknown.
if redis.call('EXISTS', KEYS[1]) == 0 then return 'X' end
local finished, errors = 0, 0
for i = 3, #ARGV, 3 do
  if redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[i + 2]) == 1 then
    if ARGV[i + 1] == '1' then finished = finished + 1 else errors = errors + 1 end
  end
end
if finished > 0 then redis.call('HINCRBY', KEYS[1], 'finished', finished) end
if errors > 0 then redis.call('HINCRBY', KEYS[1], 'errors', errors) end
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1])
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'queued' or status == 'running' then
  local f = tonumber(redis.call('HGET', KEYS[1], 'finished'))
  local e = tonumber(redis.call('HGET', KEYS[1], 'errors'))
  if f + e >= tonumber(redis.call('HGET', KEYS[1], 'itemCount')) then
    status = f > 0 and 'completed' or 'failed'
    redis.call('HSET', KEYS[1], 'status', status, 'completedAt', ARGV[1])
    for k = 1, 2 do redis.call('EXPIRE', KEYS[k], tonumber(ARGV[2])) end
  end
end
local ttl = redis.call('TTL', KEYS[1])
if ttl > 0 then redis.call('EXPIRE', KEYS[2], ttl) end
return status
