--! flags: no-writes
-- ARGV: prefix service limit ('' service = all). Returns {{svc, id, reason, attempt, dead_at}...}.
local only, limit = ARGV[2], tonumber(ARGV[3])
local svcs = {only}
if only == '' then svcs = redis.call('SMEMBERS', SERVICES) end
local out = {}
for _, svc in ipairs(svcs) do
  for _, id in ipairs(redis.call('LRANGE', dkey(svc), 0, limit - 1)) do
    if #out >= limit then return out end
    local f = redis.call('HMGET', tkey(svc, id), 'reason', 'attempt', 'dead_at')
    out[#out + 1] = {svc, id, f[1] or '', f[2] or '0', f[3] or '0'}
  end
end
return out
