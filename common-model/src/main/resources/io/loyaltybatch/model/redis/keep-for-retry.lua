-- Keeps an item that failed for a reason of its own (5000) so its tenant may retry it: the envelope, under its index.
-- Kept as long as its job: the key lives as long as the header, and the scripts that set the header's lifetime set
-- this one's too.
-- KEYS: header, items kept for a retry
-- ARGV: index, envelopeJson
-- Returns 1, or 0 if the job is gone.
local ttl = redis.call('PTTL', KEYS[1])
if ttl == -2 then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
return 1
