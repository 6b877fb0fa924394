--! flags: allow-oom
-- ARGV: prefix ttl_s n {svc id fence reply}*n. Completes opaque tasks (kind 'mdp') whose lease is
-- still held. A task that named a request id keeps its reply (the body frames, EncodeFrames) in its
-- record for ttl_s, so a retry of the request is answered from it. Returns per item
-- {'ok', client routing id} | {'stale'} (the lease was lost: a late or duplicate reply) |
-- {'mismatch'} (the task is a role task: its reply must be an outcome).
local ttl, n = tonumber(ARGV[2]), tonumber(ARGV[3])
local out = {}
for k = 1, n do
  local j = 4 + 4 * (k - 1)
  local svc, id, fence = ARGV[j], ARGV[j + 1], ARGV[j + 2]
  local f = redis.call('HMGET', tkey(svc, id), 'st', 'fence', 'client', 'kind', 'rid')
  if f[1] ~= 'leased' or f[2] ~= fence then
    out[k] = {'stale'}
  elseif f[4] ~= 'mdp' then
    out[k] = {'mismatch'}
  else
    finish(svc, id)
    if f[5] and redis.call('HEXISTS', orid_key(svc, f[5]), 'fp') == 1 then
      redis.call('HSET', orid_key(svc, f[5]), 'st', 'done', 'reply', ARGV[j + 3])
      redis.call('EXPIRE', orid_key(svc, f[5]), ttl)
    end
    out[k] = {'ok', f[3] or ''}
  end
end
return out
