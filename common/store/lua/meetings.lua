-- ARGV: prefix action(list|add|remove) date. Returns the staff-set dates.
local key = P .. ':meetings'
if ARGV[2] == 'add' and redis.call('SADD', key, ARGV[3]) == 0 then
  return fail('ALREADY_EXISTS', 'a meeting on ' .. ARGV[3] .. ' is already set')
end
if ARGV[2] == 'remove' and redis.call('SREM', key, ARGV[3]) == 0 then
  return fail('NOT_FOUND', 'no meeting set by staff on ' .. ARGV[3])
end
return redis.call('SMEMBERS', key)
