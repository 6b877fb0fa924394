-- ARGV: prefix now action(lead|resolve) id actor arg (director | note). Returns the item's state.
local now, action, id, actor, arg = tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local ik = agkey(id)
local f = redis.call('HMGET', ik, 'state', 'kind')
if not f[1] then return fail('NOT_FOUND', 'no agenda item ' .. id) end
if f[1] ~= 'OPEN' then
  return fail('FAILED_PRECONDITION', 'agenda item ' .. id .. ' is ' .. f[1])
end
if action == 'lead' then
  redis.call('HSET', ik, 'director', arg, 'director_by', actor, 'director_ms', now)
  for _, c in ipairs(item_codes(id, f[2])) do
    note_audit(c, now, actor, 'agenda_director_set', '领衔督办：' .. arg .. ' (agenda item ' .. id .. ')')
  end
  return 'OPEN'
end
agenda_close(id, now, actor, arg, 'agenda_resolved')
return 'RESOLVED'
