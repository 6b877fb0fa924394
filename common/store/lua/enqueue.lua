-- ARGV: prefix now max_services ttl_s n {live svc kind client code prio body rid fp}*n. Queues
-- opaque client requests. Service names are bounded: a name the services set does not hold is
-- added only when a worker serves it now (live '1') and fewer than max_services are known.
-- A request that names a request id (rid, fingerprint fp of its service and body) is recorded
-- under orid_key for ttl_s; the same id again is not queued twice: per item the answer is
-- the task id (queued) | 'unknown' | 'full' (not queued) |
-- {'attached', id, previous client}: the request is still queued or leased; its answer now goes
-- to this client |
-- {'replied', reply}: it was answered; reply is the recorded body (EncodeFrames) |
-- {'dead', reason}: it was dead-lettered | {'conflict'}: the id was used for other content.
local now, max_services, ttl, n = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]),
  tonumber(ARGV[5])
local ids = {}
local i = 6
reserve(n)
for k = 1, n do
  local svc, client, rid, fp = ARGV[i + 1], ARGV[i + 3], ARGV[i + 7], ARGV[i + 8]
  if known_services[svc] or redis.call('SISMEMBER', SERVICES, svc) == 1 then
    known_services[svc] = true
  elseif ARGV[i] ~= '1' then
    ids[k] = 'unknown'
  elseif redis.call('SCARD', SERVICES) >= max_services then
    ids[k] = 'full'
  end
  if not ids[k] and rid ~= '' then
    local rec = redis.call('HMGET', orid_key(svc, rid), 'fp', 'task', 'st', 'reply', 'reason')
    if not rec[1] then  -- luacheck: ignore 542 (first time: queued below)
    elseif rec[1] ~= fp then
      ids[k] = {'conflict'}
    elseif rec[3] == 'done' then
      ids[k] = {'replied', rec[4] or ''}
    elseif rec[3] == 'dead' then
      ids[k] = {'dead', rec[5] or ''}
    else
      local tk = tkey(svc, rec[2])
      local prev = redis.call('HGET', tk, 'client')
      if prev then
        redis.call('HSET', tk, 'client', client)
        ids[k] = {'attached', rec[2], prev}
      end  -- else its task is gone (a dead letter trimmed away): queued again below
    end
  end
  if not ids[k] then
    local id = enqueue(now, svc, ARGV[i + 2], client, ARGV[i + 4], tonumber(ARGV[i + 5]),
      ARGV[i + 6])
    if rid ~= '' then
      redis.call('HSET', tkey(svc, id), 'rid', rid)
      redis.call('DEL', orid_key(svc, rid))
      redis.call('HSET', orid_key(svc, rid), 'fp', fp, 'task', id, 'st', 'pending')
      redis.call('EXPIRE', orid_key(svc, rid), ttl)
    end
    ids[k] = id
  end
  i = i + 9
end
return ids
