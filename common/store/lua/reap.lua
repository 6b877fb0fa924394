-- ARGV: prefix now base_ms max_ms max_attempts dead_max limit
-- Puts back tasks whose lease ran out, in every service. Returns {retried, dead, dead_requests}.
local now, base, maxb = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local maxatt, deadmax, limit = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local retried, dead = 0, 0
for _, svc in ipairs(redis.call('SMEMBERS', SERVICES)) do
  local expired = redis.call('ZRANGEBYSCORE', lkey(svc), '-inf', now, 'LIMIT', 0, limit)
  for _, id in ipairs(expired) do
    if redis.call('HGET', tkey(svc, id), 'st') == 'leased' then
      local r = retry_or_dead(now, svc, id, 'lease expired', '0', base, maxb, maxatt, deadmax)
      if r == 'dead' then dead = dead + 1 else retried = retried + 1 end
    else
      redis.call('ZREM', lkey(svc), id)
    end
  end
end
return {retried, dead, dead_requests}
