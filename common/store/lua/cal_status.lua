--! flags: no-writes
-- ARGV: prefix. Read only. Returns {{year, suggestions, assumed, fingerprint}...} for every year
-- that has an index or a re-plan mark, ascending: suggestions = members of cal:touch:YEAR (codes
-- with a planned timer that read the year; an upper bound, pruned by re-plans), assumed = pending
-- timers that judged the year Monday to Friday (exact), fingerprint = the calendar year's at its
-- last re-plan ('' never; '-' the year was missing).
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
