--! flags: no-writes
-- ARGV: prefix. The paused services.
return redis.call('SMEMBERS', P .. ':paused')
