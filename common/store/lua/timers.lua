--! flags: no-writes
-- ARGV: prefix code. Read only. Every field of the suggestion's timer index (P:tm:{CODE}), as
-- {name, service, kind, state, due_ms or '0', planned '1'|'0', task id, task state}: 'pending'
-- (its member CODE|NAME is in P:timers at due_ms), 'fired' (the task it became, named by the
-- value's 5th element or, for a timer fired before those were kept, T<CODE>.<NAME>, and that
-- task's st, '' once done), or 'unreadable' (not a timer value). NOT_FOUND for an unknown code.
local code = ARGV[2]
if redis.call('EXISTS', skey(code)) == 0 then
  return fail('NOT_FOUND', 'suggestion ' .. code .. ' does not exist')
end
local out = {}
local tm = redis.call('HGETALL', timer_index(code))
for j = 1, #tm, 2 do
  local name, t = tm[j], timer_decode(tm[j + 1])
  if not t then
    out[#out + 1] = {name, '', '', 'unreadable', '0', '0', '', ''}
  else
    local planned = (t[6] and t[6] ~= '') and '1' or '0'
    local due = redis.call('ZSCORE', TIMERS, timer_member(code, name))
    if due then
      out[#out + 1] = {name, t[1], t[2], 'pending', due, planned, '', ''}
    else
      local id = (t[5] and t[5] ~= '') and t[5] or timer_id(code, name)
      out[#out + 1] = {name, t[1], t[2], 'fired', '0', planned, id,
        redis.call('HGET', tkey(t[1], id), 'st') or ''}
    end
  end
end
return out
