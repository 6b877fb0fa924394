--! flags: no-writes
-- ARGV: prefix state unit limit. Returns {total, {code, doc, state, lead, deadline}...}.
local state, unit, limit = ARGV[2], ARGV[3], tonumber(ARGV[4])
local codes, total
if state ~= '' and unit ~= '' then
  codes = redis.call('ZINTER', 2, P .. ':idx:state:' .. state, P .. ':idx:unit:' .. unit)
  total = #codes
elseif state ~= '' or unit ~= '' then
  local key = state ~= '' and (P .. ':idx:state:' .. state) or (P .. ':idx:unit:' .. unit)
  total = redis.call('ZCARD', key)
  codes = redis.call('ZRANGE', key, 0, limit - 1)
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
