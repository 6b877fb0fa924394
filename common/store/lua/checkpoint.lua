-- ARGV: prefix op [line expected_last]. The signed checkpoints the broker appends
-- (broker/checkpointer.h), one line each (common/checkpoint.h), oldest first in the list P:cp,
-- the last 100 kept. op 'append': RPUSH line; returns 1 when the list ended with expected_last
-- (the line the broker signed before it; '' for its first), 0 when not (Redis restored from a
-- backup, or a copy that failed). op 'all': the lines. A copy: the file outside Redis is the one
-- to trust.
local op, key = ARGV[2], P .. ':cp'
if op == 'append' then
  local was = redis.call('LINDEX', key, -1) or ''
  redis.call('RPUSH', key, ARGV[3])
  redis.call('LTRIM', key, -100, -1)
  return was == ARGV[4] and 1 or 0
end
return redis.call('LRANGE', key, 0, -1)
