-- ARGV: prefix now year actor n {member plan old_due new_due years assumed note}*n m {code}*m.
-- Moves each timer still pending with the same plan and due time: new due time, new assumed years
-- (exact index), its code added to cal:touch of each year it reads now and, when the due time
-- changes, one `timer_replanned` audit entry (note) on its suggestion. Then drops from
-- cal:touch:YEAR each of the m codes that has no pending planned timer with a base date in YEAR-2
-- to YEAR (none can read YEAR). Returns {{per move 'moved' | 'reindexed' (due unchanged) |
-- 'changed' (set again, fired or cancelled meanwhile: left alone)}, codes dropped}.
local now, year, actor, n = tonumber(ARGV[2]), ARGV[3], ARGV[4], tonumber(ARGV[5])
local function years(csv)
  local out = {}
  for y in string.gmatch(csv, '[0-9]+') do out[#out + 1] = tonumber(y) end
  return out
end
local out = {}
local i = 6
for k = 1, n do
  local member, plan, old_due, new_due = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local new_years, new_assumed, note = years(ARGV[i + 4]), years(ARGV[i + 5]), ARGV[i + 6]
  i = i + 7
  local code, name = timer_split(member)
  local v = code and redis.call('HGET', timer_index(code), name)
  local due = redis.call('ZSCORE', TIMERS, member)
  local t = due and timer_decode(v) or nil
  if not t or t[6] ~= plan or tonumber(due) ~= tonumber(old_due) then
    out[k] = 'changed'
  else
    plan_unindex(member, t)
    redis.call('HSET', timer_index(code), name,
      cmsgpack.pack({t[1], t[2], t[3], t[4], '', t[6], new_assumed}))
    plan_index(code, member, new_years, new_assumed)
    if tonumber(new_due) ~= tonumber(due) then
      redis.call('ZADD', TIMERS, new_due, member)
      local state = redis.call('HGET', skey(code), 'state')
      if state then audit(code, now, actor, 'timer_replanned', state, state, note, '') end
      out[k] = 'moved'
    else
      out[k] = 'reindexed'
    end
  end
end
-- Codes the broker found no timer of YEAR for: dropped unless a pending planned timer could read
-- YEAR (its base date is at most two years earlier: a walk crosses at most two year ends).
local y = tonumber(year)
local dropped = 0
local m = tonumber(ARGV[i])
for k = 1, m do
  local code = ARGV[i + k]
  local keep = false
  local tm = redis.call('HGETALL', timer_index(code))
  for j = 1, #tm, 2 do
    local t = timer_decode(tm[j + 1])
    local base = t and t[6] and tonumber(string.sub(t[6], 3, 6))
    if base and base >= y - 2 and base <= y and
        redis.call('ZSCORE', TIMERS, timer_member(code, tm[j])) then
      keep = true
      break
    end
  end
  if not keep then dropped = dropped + redis.call('SREM', cal_touch(year), code) end
end
return {out, dropped}
