-- Claims the start of items of one job before a worker applies them, and moves a queued job to running.
-- While the job is active every item may start; once it is terminal only items started earlier may still
-- take effect (they are re-reported or finished), the rest are cancelled. Items are known only to a job of their
-- own tenant.
-- KEYS: header, started
-- ARGV: now, tenant, index...
-- Returns one letter per index: A (apply), C (cancelled), X (no such job for this tenant).
local n = #ARGV - 2
local h = redis.call('HMGET', KEYS[1], 'status', 'tenant')
local status = h[1]
if not status or h[2] ~= ARGV[2] then return string.rep('X', n) end
if status == 'queued' or status == 'running' then
  for i = 3, #ARGV do redis.call('SADD', KEYS[2], ARGV[i]) end
  if status == 'queued' then
    redis.call('HSET', KEYS[1], 'status', 'running', 'startedAt', ARGV[1])
  end
  redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1])
  local ttl = redis.call('TTL', KEYS[1])
  if ttl > 0 then redis.call('EXPIRE', KEYS[2], ttl) end
  return string.rep('A', n)
end
local flags = {}
for i = 3, #ARGV do
  flags[#flags + 1] = redis.call('SISMEMBER', KEYS[2], ARGV[i]) == 1 and 'A' or 'C'
end
return table.concat(flags)
