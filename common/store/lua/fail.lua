-- ARGV: prefix now base_ms max_ms max_attempts dead_max n {svc id fence reason permanent}*n
-- fence '' means "whatever lease is current" (the broker saw the worker die while holding it).
-- Returns {per item 'retry' | 'dead' | 'stale', dead_requests (see retry_or_dead)}.
local now, base, maxb = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local maxatt, deadmax, n = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local out = {}
local i = 8
for k = 1, n do
  local svc, id, fence, reason, permanent = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3],
    ARGV[i + 4]
  i = i + 5
  if holds_lease(svc, id, fence) then
    out[k] = retry_or_dead(now, svc, id, reason, permanent, base, maxb, maxatt, deadmax)
  else
    out[k] = 'stale'
  end
end
return {out, dead_requests}
