-- Records one delivery of a job's end notice: appended to the job's delivery log (its last 50 kept, as long as the
-- job), the attempts counted, and the notice marked sent or abandoned when it is settled.
-- KEYS: header, deliveries
-- ARGV: deliveryJson, outcome (sent, abandoned or retry)
-- Returns the attempts made so far, or -1 if the job is gone.
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -2 then return -1 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -50, -1)
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
local attempts = redis.call('HINCRBY', KEYS[1], 'noticeAttempts', 1)
if ARGV[2] ~= 'retry' then redis.call('HSET', KEYS[1], 'notice', ARGV[2]) end
return attempts
