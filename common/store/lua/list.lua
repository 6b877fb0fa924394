--! flags: no-writes
-- ARGV: prefix state unit limit committee deputy. Returns {total, {code, doc, state, lead,
-- deadline}...}: the suggestions in every index named (state, unit, committee, lead deputy; none:
-- all), oldest first.
local state, unit, limit, committee = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5] or ''
local deputy = ARGV[6] or ''
local idx = {}
if state ~= '' then idx[#idx + 1] = P .. ':idx:state:' .. state end
if unit ~= '' then idx[#idx + 1] = P .. ':idx:unit:' .. unit end
if committee ~= '' then idx[#idx + 1] = P .. ':idx:committee:' .. committee end
if deputy ~= '' then idx[#idx + 1] = P .. ':idx:deputy:' .. deputy end
local codes, total
if #idx >= 2 then
  codes = redis.call('ZINTER', #idx, unpack(idx))
  total = #codes
elseif #idx == 1 then
  total = redis.call('ZCARD', idx[1])
  codes = redis.call('ZRANGE', idx[1], 0, limit - 1)
else
  total = redis.call('ZCARD', P .. ':idx:all')
  codes = redis.call('ZRANGE', P .. ':idx:all', 0, limit - 1)
end
local out = {total}
for j = 1, math.min(#codes, limit) do
  local c = codes[j]
  local s = redis.call('HMGET', skey(c), 'doc', 'state', 'lead', 'deadline')
  out[#out + 1] = {c, s[1] or '', s[2] or '', s[3] or '', s[4] or ''}
end
return out
