-- ARGV: prefix now lease_ms n {svc id fence}*n. A busy worker that heartbeats keeps its lease:
-- each lease still held under its fence runs until now + lease_ms. Returns per item 1 | 0 (lost).
local now, lease = tonumber(ARGV[2]), tonumber(ARGV[3])
return each_ref(5, tonumber(ARGV[4]), function(svc, id, fence)
  if not holds_lease(svc, id, fence) then return 0 end
  redis.call('HSET', tkey(svc, id), 'lease_until', now + lease)
  redis.call('ZADD', lkey(svc), now + lease, id)
  return 1
end)
