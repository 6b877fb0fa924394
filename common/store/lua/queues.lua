--! flags: no-writes
-- ARGV: prefix. Returns {timers, next_due_ms or '-1', {svc, queued, inflight, dead, paused}...}.
local nxt = redis.call('ZRANGE', TIMERS, 0, 0, 'WITHSCORES')
local out = {redis.call('ZCARD', TIMERS) + redis.call('ZCARD', RETRIES), nxt[2] or '-1'}
for _, svc in ipairs(redis.call('SMEMBERS', SERVICES)) do
  out[#out + 1] = {svc, redis.call('ZCARD', qkey(svc)), redis.call('ZCARD', lkey(svc)),
    redis.call('LLEN', dkey(svc)), redis.call('SISMEMBER', P .. ':paused', svc)}
end
return out
