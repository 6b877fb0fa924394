#include "common/store/calendar_scripts.h"

namespace duban::store {

std::string CalendarPreludeLua() {
  return R"LUA(
-- A timer counted in working days (an outcome's timer with a plan) keeps its rule in its index
-- value, cmsgpack {SERVICE, KIND, PRIORITY_MS, PAYLOAD, '', PLAN, {ASSUMED}}: PLAN the stored form
-- of common/timer_plan.h, ASSUMED the years the broker's calendar lacked when it computed the due
-- time (judged Monday to Friday). Indexes, so a new or corrected year finds what it may move
-- (duban.calendar) without reading every timer:
--   cal:touch:YEAR    set of CODEs with a planned timer whose due time read YEAR. Added when such
--                     a timer is set, never removed on firing or cancelling (a suggestion costs
--                     one member per year, not one per timer): a superset, which the re-plan of
--                     YEAR prunes (cal_replan);
--   cal:assumed:YEAR  set of CODE|NAME of the pending timers that assumed YEAR: exact, kept by
--                     set_timer, cancel_timer and pump; its SCARD is the warning's count.
-- Timers without a plan keep the 4-element value and no index entry.
-- CAL_YEARS (P:cal:years, the years with such timers) is set per call by begin_call.
local function cal_touch(year) return P .. ':cal:touch:' .. year end
local function cal_assumed(year) return P .. ':cal:assumed:' .. year end
local function plan_index(code, member, years, assumed)
  for _, y in ipairs(years or {}) do
    redis.call('SADD', cal_touch(y), code)
    redis.call('SADD', CAL_YEARS, y)
  end
  for _, y in ipairs(assumed or {}) do redis.call('SADD', cal_assumed(y), member) end
end
-- A decoded index value leaves the exact index when its timer stops being pending.
local function plan_unindex(member, t)
  if not t[6] or t[6] == '' then return end
  for _, y in ipairs(t[7] or {}) do redis.call('SREM', cal_assumed(y), member) end
end
)LUA";
}

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
for _, code in ipairs(page[2]) do
  local tm = redis.call('HGETALL', timer_index(code))
  for j = 1, #tm, 2 do
    local name, v = tm[j], tm[j + 1]
    if not timer_legacy(v) then
      local t = cmsgpack.unpack(v)
      if t[6] and t[6] ~= '' then
        local due = redis.call('ZSCORE', TIMERS, timer_member(code, name))
        if due then rows[#rows + 1] = {code, name, t[6], due, table.concat(t[7] or {}, ',')} end
      end
    end
  end
end
return {page[1], page[2], rows}
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
    local v = tm[j + 1]
    if not timer_legacy(v) then
      local t = cmsgpack.unpack(v)
      local base = t[6] and tonumber(string.sub(t[6], 3, 6))
      if base and base >= y - 2 and base <= y and
          redis.call('ZSCORE', TIMERS, timer_member(code, tm[j])) then
        keep = true
        break
      end
    end
  end
  if not keep then dropped = dropped + redis.call('SREM', cal_touch(year), code) end
end
return {out, dropped}
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
