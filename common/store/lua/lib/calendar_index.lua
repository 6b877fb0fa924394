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
