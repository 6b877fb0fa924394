-- ARGV: prefix now service id. Puts a dead task back on its queue with its attempts reset.
local now, svc, id = tonumber(ARGV[2]), ARGV[3], ARGV[4]
if redis.call('LREM', dkey(svc), 1, id) == 0 then
  return fail('NOT_FOUND', 'task ' .. id .. ' is not in the dead letters of ' .. svc)
end
local tk = tkey(svc, id)
redis.call('HSET', tk, 'st', 'queued', 'attempt', 0, 'reason', 'replayed')
redis.call('ZADD', qkey(svc), tonumber(redis.call('HGET', tk, 'prio')) or now, id)
-- An opaque request that named a request id is pending again: a retry waits for its answer.
local rid = redis.call('HGET', tk, 'rid')
if rid and redis.call('HGET', orid_key(svc, rid), 'task') == id then
  redis.call('HSET', orid_key(svc, rid), 'st', 'pending')
end
return 1
