-- ARGV: prefix code... Converts the timers of the layout before 2026-11 in the timer index of each
-- code (common/store/key_layout.h): a field holding "SERVICE|ID" (ID = T<CODE>.<NAME>) whose task
-- hash t:{SERVICE}:ID is 'scheduled' with its member "SERVICE|ID" in the timers set is a pending
-- timer: it becomes member CODE|NAME at the same due time, its value {service, kind, priority_ms
-- (0 when it was the due time), payload}, and the hash goes. Any other such field is a fired
-- timer: its value becomes {service, kind, 0, payload, ID}, which names the fired task as pump's
-- values do. Fields of this layout are left as they are, so a second run changes nothing.
-- Returns {pending converted, fired converted, fields of neither layout}.
local pending, fired, unreadable = 0, 0, 0
for i = 2, #ARGV do
  local code = ARGV[i]
  local tm = redis.call('HGETALL', timer_index(code))
  for j = 1, #tm, 2 do
    local name, v = tm[j], tm[j + 1]
    local sep = string.find(v, '|', 1, true)
    if timer_decode(v) then
      sep = nil  -- this layout already: left as it is
    elseif not sep then
      unreadable = unreadable + 1
    end
    if sep then
      local svc, id = string.sub(v, 1, sep - 1), string.sub(v, sep + 1)
      local tk = tkey(svc, id)
      local f = redis.call('HMGET', tk, 'st', 'kind', 'body', 'prio')
      local due = redis.call('ZSCORE', TIMERS, v)
      if f[1] == 'scheduled' and due then
        local prio = tonumber(f[4]) or 0
        if prio == tonumber(due) then prio = 0 end
        redis.call('HSET', timer_index(code), name, cmsgpack.pack({svc, f[2] or '', prio,
          f[3] or ''}))
        redis.call('ZREM', TIMERS, v)
        redis.call('ZADD', TIMERS, due, timer_member(code, name))
        redis.call('DEL', tk)
        pending = pending + 1
      else
        redis.call('HSET', timer_index(code), name, cmsgpack.pack({svc, f[2] or '', 0,
          f[3] or '', id}))
        fired = fired + 1
      end
    end
  end
end
return {pending, fired, unreadable}
