-- Records item results of one job. Each index is claimed once (HSETNX), so a redelivered item never counts twice.
-- When the last item lands, an active job ends: completed if any item succeeded, else failed; a job still in a state
-- the end may not start from moves to running first. Status names and the states each move may start from come from
-- the caller (the state machine).
-- KEYS: header, results, items kept for a retry (their lifetime follows the header's)
-- ARGV: now, retentionSeconds, running, runningFrom, completed, completedFrom, failed, failedFrom,
--       [index, ok (1/0), resultJson]...
-- Returns {the job's status after recording (X if the job is unknown), moves made ('a>b,b>c', or ''), createdAt}.
local function member(list, name) return string.find(',' .. list .. ',', ',' .. name .. ',', 1, true) ~= nil end
if redis.call('EXISTS', KEYS[1]) == 0 then return {'X', '', ''} end
local finished, errors = 0, 0
for i = 9, #ARGV, 3 do
  if redis.call('HSETNX', KEYS[2], ARGV[i], ARGV[i + 2]) == 1 then
    if ARGV[i + 1] == '1' then finished = finished + 1 else errors = errors + 1 end
  end
end
if finished > 0 then redis.call('HINCRBY', KEYS[1], 'finished', finished) end
if errors > 0 then redis.call('HINCRBY', KEYS[1], 'errors', errors) end
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1])
local h = redis.call('HMGET', KEYS[1], 'status', 'finished', 'errors', 'itemCount', 'createdAt')
local status = h[1]
local moves = {}
local f, e = tonumber(h[2]), tonumber(h[3])
if f + e >= tonumber(h[4]) then
  local target, targetFrom = ARGV[7], ARGV[8]
  if f > 0 then target, targetFrom = ARGV[5], ARGV[6] end
  if not member(targetFrom, status) and member(ARGV[4], status) and member(targetFrom, ARGV[3]) then
    moves[#moves + 1] = status .. '>' .. ARGV[3]
    status = ARGV[3]
    redis.call('HSET', KEYS[1], 'status', status, 'startedAt', ARGV[1])
  end
  if member(targetFrom, status) then
    moves[#moves + 1] = status .. '>' .. target
    status = target
    redis.call('HSET', KEYS[1], 'status', status, 'completedAt', ARGV[1])
    redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
  end
end
local ttl = redis.call('TTL', KEYS[1])
if ttl > 0 then
  for k = 2, 3 do redis.call('EXPIRE', KEYS[k], ttl) end
end
return {status, table.concat(moves, ','), h[5] or ''}
