-- ARGV: prefix now limit which ('timers' on the domain clock | 'retries' on the real clock).
-- Moves due entries into their queues (never early, at most once: the ZREM and the ZADD happen
-- in one script). A retry's task hash exists ('scheduled'); a timer's is made here, from its
-- index field, with an id of its own per firing (T<CODE>.<NAME>.<seq>; st 'queued', created =
-- now, due = its score), so a firing never depends on what an earlier firing's task is doing and
-- a timer set again while that task is queued, leased or dead still fires. The index field keeps
-- the fired task's id (5th element) until the timer is set again or cancelled, so the checker
-- can find it. A timer member without a readable index field (edited by hand) is dropped, not
-- fired, and counted. Returns {moved, next_due_ms or -1, {services}, {lateness_ms of each moved
-- entry}, dropped}.
local now, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
local SET = P .. ':' .. ARGV[4]
local is_timers = SET == TIMERS
local due = redis.call('ZRANGEBYSCORE', SET, '-inf', now, 'WITHSCORES', 'LIMIT', 0, limit)
local touched, services, lateness = {}, {}, {}
local moved, dropped = 0, 0
local function queued(svc, id, prio, score)
  redis.call('ZADD', qkey(svc), prio, id)
  moved = moved + 1
  lateness[#lateness + 1] = now - score
  if not touched[svc] then
    touched[svc] = true
    services[#services + 1] = svc
  end
end
-- A retry: the member is SERVICE|ID and the task hash exists, in st 'scheduled'.
local function move_task(member, score)
  local sep = string.find(member, '|', 1, true)
  if not sep then return end
  local svc, id = string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
  local tk = tkey(svc, id)
  local f = redis.call('HMGET', tk, 'st', 'prio')
  if f[1] == 'scheduled' then
    redis.call('HSET', tk, 'st', 'queued')
    queued(svc, id, tonumber(f[2]) or now, score)
  end
end
if is_timers and #due > 0 then reserve(#due / 2) end
for j = 1, #due, 2 do
  local member, score = due[j], tonumber(due[j + 1])
  redis.call('ZREM', SET, member)
  local code, name, t
  if is_timers then code, name = timer_split(member) end
  if code then t = timer_decode(redis.call('HGET', timer_index(code), name)) end
  if t then
    plan_unindex(member, t)  -- no longer pending: out of the calendar year indexes
    local svc = t[1]
    local id = timer_id(code, name) .. '.' .. string.format('%012d', next_id)
    next_id = next_id + 1
    local prio = tonumber(t[3]) or 0
    if prio == 0 then prio = score end
    redis.call('HSET', tkey(svc, id), 'svc', svc, 'kind', t[2], 'client', '', 'code', code,
      'body', t[4], 'created', now, 'prio', prio, 'st', 'queued', 'due', score)
    redis.call('HSET', timer_index(code), name, cmsgpack.pack({t[1], t[2], t[3], t[4], id}))
    queued(svc, id, prio, score)
  elseif is_timers then
    dropped = dropped + 1
  else
    move_task(member, score)
  end
end
local nxt = redis.call('ZRANGE', SET, 0, 0, 'WITHSCORES')
local next_due = -1
if #nxt == 2 then next_due = tonumber(nxt[2]) end
return {moved, next_due, services, lateness, dropped}
