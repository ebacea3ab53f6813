-- Links a job to the job that retries its failed items, for its own tenant only.
-- KEYS: header of the retried job
-- ARGV: tenant, retryJobId
-- Returns 1, or 0 for an unknown or foreign job.
if redis.call('HGET', KEYS[1], 'tenant') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'retryJob', ARGV[2])
return 1
