--! flags: no-writes
-- ARGV: prefix year cursor count. Read only. One SSCAN page of cal:touch:YEAR: {next_cursor,
-- {codes...}, {{code, name, plan, due, assumed}...}} — every pending planned timer of those codes
-- (assumed comma-separated), whether or not it read YEAR: the broker decides.
local year, cursor, count = ARGV[2], ARGV[3], tonumber(ARGV[4])
local page = redis.call('SSCAN', cal_touch(year), cursor, 'COUNT', count)
local rows = {}
for _, code in ipairs(page[2]) do
  local tm = redis.call('HGETALL', timer_index(code))
  for j = 1, #tm, 2 do
    local name, t = tm[j], timer_decode(tm[j + 1])
    if t and t[6] and t[6] ~= '' then
      local due = redis.call('ZSCORE', TIMERS, timer_member(code, name))
      if due then rows[#rows + 1] = {code, name, t[6], due, table.concat(t[7] or {}, ',')} end
    end
  end
end
return {page[1], page[2], rows}
