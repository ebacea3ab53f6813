-- Notes where a job's items landed on the items topic (partition:offset of its last item, comma-separated), before
-- they become visible to workers.
-- KEYS: header
-- ARGV: positions
-- Returns 1, or 0 if the job does not exist.
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'positions', ARGV[1])
return 1
