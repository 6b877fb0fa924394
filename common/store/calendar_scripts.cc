#include "common/store/calendar_scripts.h"

namespace duban::store {

const char* const kCalStatus = R"LUA(
local FP = P .. ':cal:fp'
local years, seen = {}, {}
for _, y in ipairs(redis.call('SMEMBERS', CAL_YEARS)) do
  if not seen[y] then seen[y] = true; years[#years + 1] = y end
end
for _, y in ipairs(redis.call('HKEYS', FP)) do
  if not seen[y] then seen[y] = true; years[#years + 1] = y end
end
table.sort(years, function(a, b) return tonumber(a) < tonumber(b) end)
local out = {}
for _, y in ipairs(years) do
  out[#out + 1] = {y, redis.call('SCARD', cal_touch(y)), redis.call('SCARD', cal_assumed(y)),
    redis.call('HGET', FP, y) or ''}
end
return out
)LUA";

const char* const kCalScan = R"LUA(
local year, cursor, count = ARGV[2], ARGV[3], tonumber(ARGV[4])
local page = redis.call('SSCAN', cal_touch(year), cursor, 'COUNT', count)
local rows = {}
for _, member in ipairs(page[2]) do
  local code, name = timer_split(member)
  local v = code and redis.call('HGET', timer_index(code), name)
  local due = redis.call('ZSCORE', TIMERS, member)
  local plan, years, assumed = '', '', ''
  if v and due and not timer_legacy(v) then
    local t = cmsgpack.unpack(v)
    if t[6] and t[6] ~= '' then
      plan, years, assumed = t[6], table.concat(t[7] or {}, ','), table.concat(t[8] or {}, ',')
    end
  end
  rows[#rows + 1] = {member, plan, due or '', years, assumed}
end
return {page[1], rows}
)LUA";

const char* const kCalReplan = R"LUA(
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
  local t = (v and due and not timer_legacy(v)) and cmsgpack.unpack(v) or nil
  if not t or not t[6] or t[6] == '' then
    redis.call('SREM', cal_touch(year), member)
    redis.call('SREM', cal_assumed(year), member)
    out[k] = 'gone'
  elseif t[6] ~= plan or tonumber(due) ~= tonumber(old_due) then
    out[k] = 'changed'
  else
    plan_unindex(member, t)
    redis.call('HSET', timer_index(code), name,
      cmsgpack.pack({t[1], t[2], t[3], t[4], '', t[6], new_years, new_assumed}))
    plan_index(member, new_years, new_assumed, true)
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
return out
)LUA";

const char* const kCalMark = R"LUA(
local op = ARGV[2] == 'nx' and 'HSETNX' or 'HSET'
local n, written = tonumber(ARGV[3]), 0
for k = 1, n do
  written = written + redis.call(op, P .. ':cal:fp', ARGV[2 + 2 * k], ARGV[3 + 2 * k])
end
return written
)LUA";

}  // namespace duban::store
