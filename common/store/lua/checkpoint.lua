-- ARGV: prefix op line. The signed checkpoints the broker appends (broker/checkpointer.h), one
-- line each (common/checkpoint.h), oldest first in the list P:cp. op 'append': RPUSH line; op
-- 'last': the last line ('' when none). A copy: the file outside Redis is the one to trust.
local op = ARGV[2]
if op == 'append' then
  return redis.call('RPUSH', P .. ':cp', ARGV[3])
end
return redis.call('LINDEX', P .. ':cp', -1) or ''
