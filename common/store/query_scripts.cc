#include "common/store/query_scripts.h"

namespace duban::store {

// ARGV: prefix code with_audit before limit max_bytes -> {doc, state, ver, submitted, units,
// deadline, assigned, {audit...}, rec, total, start}. With with_audit '1', the page of the audit
// list that ends just before index `before` (0 or past the end: the newest entries): at most
// `limit` entries and, newest first, no more than `max_bytes` stored bytes (but at least one
// entry); `total` is the list's length and `start` the index of the page's first entry (the
// `before` of the next older page; 0 when there is none). Read backwards in chunks of 50, so a
// long timeline costs one page, not the whole list.
const char* const kGet = R"LUA(
local code, with_audit = ARGV[2], ARGV[3] ~= '0'
local s = redis.call('HMGET', skey(code), 'doc', 'state', 'ver', 'submitted', 'units', 'deadline',
  'assigned', 'rec')
if not s[1] then return fail('NOT_FOUND', 'suggestion ' .. code .. ' does not exist') end
local audit, total, start = {}, 0, 0
if with_audit then
  local akey_ = akey(code)
  total = redis.call('LLEN', akey_)
  local before, limit = tonumber(ARGV[4]) or 0, tonumber(ARGV[5]) or 100
  local budget = tonumber(ARGV[6]) or 196608
  if before <= 0 or before > total then before = total end
  local idx, used, rev, full = before, 0, {}, false
  while idx > 0 and #rev < limit and not full do
    local lo = math.max(0, idx - 50, before - limit)
    local chunk = redis.call('LRANGE', akey_, lo, idx - 1)
    for j = #chunk, 1, -1 do
      local n = #chunk[j]
      if #rev > 0 and used + n > budget then full = true break end
      used = used + n
      rev[#rev + 1] = chunk[j]
      idx = lo + j - 1
    end
  end
  start = idx
  for j = #rev, 1, -1 do audit[#audit + 1] = rev[j] end
end
return {s[1], s[2], s[3], s[4], s[5], s[6] or '', s[7] or '', audit, s[8] or '', total, start}
)LUA";

// ARGV: prefix state unit limit. Returns {total, {code, doc, state, lead, deadline}...}.
const char* const kList = R"LUA(
local state, unit, limit = ARGV[2], ARGV[3], tonumber(ARGV[4])
local codes, total
if state ~= '' and unit ~= '' then
  codes = redis.call('ZINTER', 2, P .. ':idx:state:' .. state, P .. ':idx:unit:' .. unit)
  total = #codes
elseif state ~= '' or unit ~= '' then
  local key = state ~= '' and (P .. ':idx:state:' .. state) or (P .. ':idx:unit:' .. unit)
  total = redis.call('ZCARD', key)
  codes = redis.call('ZRANGE', key, 0, limit - 1)
else
  total = redis.call('ZCARD', P .. ':idx:all')
  codes = redis.call('ZRANGE', P .. ':idx:all', 0, limit - 1)
end
local out = {total}
for j = 1, math.min(#codes, limit) do
  local c = codes[j]
  local s = redis.call('HMGET', skey(c), 'doc', 'state', 'lead', 'deadline')
  out[#out + 1] = {c, s[1] or '', s[2] or '', s[3] or '', s[4] or ''}
end
return out
)LUA";

// ARGV: prefix. Returns {timers, next_due_ms or '-1', {svc, queued, inflight, dead, paused}...}.
const char* const kQueues = R"LUA(
local nxt = redis.call('ZRANGE', TIMERS, 0, 0, 'WITHSCORES')
local out = {redis.call('ZCARD', TIMERS) + redis.call('ZCARD', RETRIES), nxt[2] or '-1'}
for _, svc in ipairs(redis.call('SMEMBERS', SERVICES)) do
  out[#out + 1] = {svc, redis.call('ZCARD', qkey(svc)), redis.call('ZCARD', lkey(svc)),
    redis.call('LLEN', dkey(svc)), redis.call('SISMEMBER', P .. ':paused', svc)}
end
return out
)LUA";

// ARGV: prefix service limit ('' service = all). Returns {{svc, id, reason, attempt, dead_at}...}.
const char* const kDlqList = R"LUA(
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
)LUA";

// ARGV: prefix now service id. Puts a dead task back on its queue with its attempts reset.
const char* const kDlqReplay = R"LUA(
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
)LUA";

// ARGV: prefix recipient limit. Returns {total, {entries newest first}}.
const char* const kInbox = R"LUA(
local ob = P .. ':outbox:{' .. ARGV[2] .. '}'
return {redis.call('LLEN', ob), redis.call('LRANGE', ob, 0, tonumber(ARGV[3]) - 1)}
)LUA";

// ARGV: prefix service paused(1|0). Staff pause or resume dispatching; returns the paused set.
const char* const kPause = R"LUA(
if ARGV[3] == '1' then
  -- Only a service that exists: one the store knows, or one a worker or the config names now
  -- (ARGV[4] '1'), within the cap on service names (ARGV[5]).
  if redis.call('SISMEMBER', SERVICES, ARGV[2]) == 0 then
    if ARGV[4] ~= '1' then
      return fail('NOT_FOUND', 'no service ' .. ARGV[2] .. ': no worker has served it')
    end
    if redis.call('SCARD', SERVICES) >= tonumber(ARGV[5]) then
      return fail('RESOURCE_EXHAUSTED', 'too many services (broker.max_services = ' .. ARGV[5] .. ')')
    end
  end
  redis.call('SADD', P .. ':paused', ARGV[2])
  redis.call('SADD', SERVICES, ARGV[2])
else
  redis.call('SREM', P .. ':paused', ARGV[2])
end
return redis.call('SMEMBERS', P .. ':paused')
)LUA";

// ARGV: prefix. The paused services.
const char* const kPaused = R"LUA(
return redis.call('SMEMBERS', P .. ':paused')
)LUA";

}  // namespace duban::store
