-- ARGV: prefix now lease_ms n {svc count}*n token*(sum of counts)
-- Takes up to count tasks of each service (lowest score first), leases them, and returns per task:
-- {svc, id, fence, attempt, kind, client, code, body, doc, state, ver, submitted, units, deadline,
-- assigned, rec, rid, committee}. Each lease's fence is the next of the broker's random tokens, never a counter:
-- a counter rolls back when Redis loses its last writes (appendfsync everysec, a promoted
-- replica) and would hand the same (task, fence) to a new lease; and a counter can be guessed.
local now, lease, n = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
local i = 5
local token = 5 + 2 * n
for _ = 1, n do
  local svc, count = ARGV[i], tonumber(ARGV[i + 1])
  i = i + 2
  local popped = redis.call('ZPOPMIN', qkey(svc), count)
  for j = 1, #popped, 2 do
    local id = popped[j]
    local tk = tkey(svc, id)
    local f = redis.call('HMGET', tk, 'kind', 'client', 'code', 'body', 'fence', 'attempt', 'rid')
    if f[1] then
      local fence = ARGV[token]
      token = token + 1
      local attempt = (tonumber(f[6]) or 0) + 1
      redis.call('HSET', tk, 'st', 'leased', 'fence', fence, 'attempt', attempt, 'lease_until',
        now + lease)
      redis.call('ZADD', lkey(svc), now + lease, id)
      local s = {'', '', '', '', '', '', '', '', ''}
      if f[3] and f[3] ~= '' then
        s = redis.call('HMGET', skey(f[3]), 'doc', 'state', 'ver', 'submitted', 'units', 'deadline',
          'assigned', 'rec', 'committee')
      end
      out[#out + 1] = {svc, id, fence, tostring(attempt), f[1] or '', f[2] or '',
        f[3] or '', f[4] or '', s[1] or '', s[2] or '', s[3] or '', s[4] or '', s[5] or '',
        s[6] or '', s[7] or '', s[8] or '', f[7] or '', s[9] or ''}
    end
  end
end
return out
