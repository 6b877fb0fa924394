-- ARGV: prefix now code n {name service kind due_ms priority_ms payload plan years assumed}*n
-- (plan: the stored form or ''; years, assumed: comma-separated years or '')
-- Sets timers of one suggestion as an outcome would (staff tools, benchmarks). Returns n.
local now, code, n = tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local function years(csv)
  local out = {}
  for y in string.gmatch(csv, '[0-9]+') do out[#out + 1] = tonumber(y) end
  return out
end
local i = 5
for _ = 1, n do
  set_timer(code, now, {name = ARGV[i], service = ARGV[i + 1], kind = ARGV[i + 2],
    due_ms = tonumber(ARGV[i + 3]), priority_ms = tonumber(ARGV[i + 4]), payload = ARGV[i + 5],
    plan = ARGV[i + 6], years = years(ARGV[i + 7]), assumed = years(ARGV[i + 8])})
  i = i + 9
end
return n
