-- Reads a job's header and results in one consistent snapshot.
-- KEYS: header, results
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2])}
