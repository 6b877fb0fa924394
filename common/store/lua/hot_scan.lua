--! flags: no-writes
-- ARGV: prefix limit. The newest `limit` suggestions for the hot rules:
-- {{code, state, session, title, category, co_signers, {keywords}}...}.
local out = {}
for _, code in ipairs(redis.call('ZREVRANGE', P .. ':idx:all', 0, tonumber(ARGV[2]) - 1)) do
  local s = redis.call('HMGET', skey(code), 'doc', 'state')
  local ok, d = pcall(cmsgpack.unpack, s[1] or '')
  if ok and type(d) == 'table' then
    local kw = {}
    for _, k in ipairs(d.keywords or {}) do kw[#kw + 1] = tostring(k) end
    out[#out + 1] = {code, s[2] or '', tostring(d.session or ''), tostring(d.title or ''),
      tostring(d.category or ''), #(d.co_signers or {}), kw}
  end
end
return out
