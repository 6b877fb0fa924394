--! flags: no-writes
-- A suggestion is waiting when one of its timers (P:tm:{CODE}) is pending (its field is there and
-- its member CODE|NAME is in P:timers) or fired into a task that is queued, leased or retrying,
-- or when a task naming its code is queued, leased or waiting in P:retries. Tasks have no index
-- by code, so a page that has open suggestions without a live timer reads the code of every
-- queued, leased and retrying task (and, for those still without one, of the dead letters):
-- O(tasks) per such page, read-only.
local cursor, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
local total = redis.call('ZCARD', P .. ':idx:all')
local codes = redis.call('ZRANGE', P .. ':idx:all', cursor, cursor + limit - 1)
local nxt = cursor + #codes
if #codes == 0 or nxt >= total then nxt = 0 end
local FINISHED = {CLOSED = true, WITHDRAWN = true, MERGED = true}
local LIVE = {scheduled = true, queued = true, leased = true}
local function split(member)
  local sep = string.find(member, '|', 1, true)
  return string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
end
local open, waiting, left = {}, {}, 0
for _, code in ipairs(codes) do
  local st = redis.call('HGET', skey(code), 'state')
  if st and not FINISHED[st] then
    open[code] = st
    local tm = redis.call('HGETALL', timer_index(code))
    for j = 1, #tm, 2 do
      -- An unreadable value (edited by hand) keeps nothing waiting: the code is reported.
      local name, t = tm[j], timer_decode(tm[j + 1])
      if t and redis.call('ZSCORE', TIMERS, timer_member(code, name)) then
        waiting[code] = true
        break
      elseif t then
        local fired = t[5]  -- fired: its task's id is the 5th element
        if not fired or fired == '' then fired = timer_id(code, name) end
        if LIVE[redis.call('HGET', tkey(t[1], fired), 'st') or ''] then
          waiting[code] = true
          break
        end
      end
    end
    if not waiting[code] then left = left + 1 end
  end
end
local dead = {}
if left > 0 then
  local function mark(svc, id)
    local f = redis.call('HMGET', tkey(svc, id), 'code', 'st')
    if f[1] and open[f[1]] and LIVE[f[2] or ''] then waiting[f[1]] = true end
  end
  local services = redis.call('SMEMBERS', SERVICES)
  for _, svc in ipairs(services) do
    for _, id in ipairs(redis.call('ZRANGE', qkey(svc), 0, -1)) do mark(svc, id) end
    for _, id in ipairs(redis.call('ZRANGE', lkey(svc), 0, -1)) do mark(svc, id) end
  end
  for _, member in ipairs(redis.call('ZRANGE', RETRIES, 0, -1)) do mark(split(member)) end
  for _, svc in ipairs(services) do
    for _, id in ipairs(redis.call('LRANGE', dkey(svc), 0, -1)) do
      local f = redis.call('HMGET', tkey(svc, id), 'code', 'reason')
      if f[1] and open[f[1]] and not waiting[f[1]] and not dead[f[1]] then
        dead[f[1]] = {svc, id, f[2] or ''}
      end
    end
  end
end
local out = {nxt, total, #codes}
for _, code in ipairs(codes) do
  if open[code] and not waiting[code] then
    local d = dead[code] or {'', '', ''}
    out[#out + 1] = {code, open[code], redis.call('LINDEX', akey(code), -1) or '', d[1], d[2], d[3]}
  end
end
return out
