#include "common/store/scripts.h"

#include <set>

#include "common/protocol/lifecycle.h"
#include "common/sha1.h"
#include "common/store/audit_scripts.h"
#include "common/store/calendar_scripts.h"
#include "common/store/query_scripts.h"
#include "common/store/agenda_scripts.h"
#include "common/store/report_scripts.h"
#include "common/store/timer_scripts.h"

namespace duban::store {
namespace {

// Shared by every script: key builders and the small steps several scripts take.
constexpr const char* kPrelude = R"LUA(
-- Per-call state: a library is loaded once and its functions are called many times, so what one
-- call sets up is reset by begin_call at the start of each (every registered function calls it).
local KEYS, ARGV, P, TIMERS, SERVICES, RETRIES
local CAL_YEARS, AG_OPEN, AG_ALL, BUNDLE_OF, BUNDLES
local known_services  -- services SADDed by this call
local next_id, last_id  -- task ids reserved by this call (reserve)
local dead_requests  -- opaque requests dead-lettered by this call (see below)
local function begin_call(keys, args)
  KEYS, ARGV = keys, args
  P = args[1]
  TIMERS, SERVICES, RETRIES = P .. ':timers', P .. ':services', P .. ':retries'
  CAL_YEARS = P .. ':cal:years'
  AG_OPEN, AG_ALL = P .. ':ag:open', P .. ':ag:all'
  BUNDLE_OF, BUNDLES = P .. ':bundle_of', P .. ':bundles'
  known_services, dead_requests = {}, {}
  next_id, last_id = 0, -1
end
local function tkey(svc, id) return P .. ':t:{' .. svc .. '}:' .. id end
local function qkey(svc) return P .. ':q:{' .. svc .. '}' end
local function lkey(svc) return P .. ':lease:{' .. svc .. '}' end
local function dkey(svc) return P .. ':dead:{' .. svc .. '}' end
local function skey(code) return P .. ':s:{' .. code .. '}' end
local function akey(code) return P .. ':a:{' .. code .. '}' end
local function fail(code, msg) return redis.error_reply('DUBAN ' .. code .. ' ' .. msg) end

-- Appends one audit entry, chained: prev is the SHA-1 of the previous entry's stored bytes, taken
-- from the head (ahash, alen in the suggestion's hash), never from the list, so an entry removed
-- or changed by hand stays detectable (common/audit_chain.h). The genesis is sha1hex(code); a
-- trail written before chains starts its chain from its last entry.
local function audit(code, now, actor, action, from, to, note, task)
  local head = redis.call('HMGET', skey(code), 'ahash', 'alen')
  local prev, alen = head[1], tonumber(head[2])
  if not prev or not alen then
    alen = redis.call('LLEN', akey(code))
    prev = alen == 0 and redis.sha1hex(code) or redis.sha1hex(redis.call('LINDEX', akey(code), -1))
  end
  local entry = cmsgpack.pack({at_ms = now, actor = actor, action = action, from = from, to = to,
    note = note, task = task, prev = prev})
  redis.call('RPUSH', akey(code), entry)
  redis.call('HSET', skey(code), 'ahash', redis.sha1hex(entry), 'alen', alen + 1)
end

-- Task ids come from one INCRBY per script call (reserve(n)), not one INCR per task.
local function reserve(n)
  last_id = redis.call('INCRBY', P .. ':seq:task', n)
  next_id = last_id - n + 1
end

-- Creates a task and queues it; returns its id (12 digits, so equal scores sort FIFO). The
-- caller reserved ids first. attempt and fence start absent (HINCRBY counts from 0).
local function enqueue(now, svc, kind, client, code, prio, body)
  if next_id > last_id then reserve(1) end
  local id = string.format('%012d', next_id)
  next_id = next_id + 1
  redis.call('HSET', tkey(svc, id), 'svc', svc, 'kind', kind, 'client', client, 'code', code,
    'body', body, 'created', now, 'prio', prio, 'st', 'queued')
  redis.call('ZADD', qkey(svc), prio, id)
  if not known_services[svc] then
    known_services[svc] = true
    redis.call('SADD', SERVICES, svc)
  end
  return id
end

-- A pending timer is kept in two places only: its member `CODE|NAME` in TIMERS (score: due) and
-- its field NAME of the suggestion's timer index tm:{CODE}, which holds what firing needs,
-- cmsgpack {service, kind, priority_ms (0: the due time), payload}. Its task hash
-- t:{SERVICE}:T<CODE>.<NAME> is made only when pump fires it; the field stays after firing
-- (until cancelled or set again) so the fired task can be found by name. Values written before
-- this layout ("SERVICE|T<CODE>.<NAME>", with a task hash in st 'scheduled' and that string as
-- the member) are still fired, moved and cancelled: see timer_legacy.
local function timer_index(code) return P .. ':tm:{' .. code .. '}' end
local function timer_member(code, name) return code .. '|' .. name end
local function timer_id(code, name) return 'T' .. code .. '.' .. name end
-- A name has no '|' ([A-Za-z0-9._-]), so the last '|' splits a member into code and name.
local function timer_split(member) return string.match(member, '^(.*)|([^|]*)$') end
-- New index values are a msgpack array (first byte 0x90..0x9f); old ones begin with a service.
local function timer_legacy(v)
  local b = string.byte(v, 1)
  return not b or b < 0x90 or b > 0x9f
end
local OUTBOX_MAX = 10000  -- notices kept per recipient; the oldest are trimmed

)LUA";

// The rest of the prelude, after the calendar's index steps (CalendarPreludeLua, which set_timer,
// cancel_timer and pump use).
constexpr const char* kPreludeTimers = R"LUA(
-- An index value of the old layout: drop its pending timer (member + task hash in 'scheduled').
local function cancel_legacy_timer(member)
  local sep = string.find(member, '|', 1, true)
  local svc, id = string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
  if redis.call('HGET', tkey(svc, id), 'st') == 'scheduled' then
    redis.call('ZREM', TIMERS, member)
    redis.call('DEL', tkey(svc, id))
  end
end

-- Removes a pending timer; a timer that already fired (its task queued, leased, retrying or
-- dead) is left alone, only its index field goes.
local function cancel_timer(code, name)
  local v = redis.call('HGET', timer_index(code), name)
  if not v then return end
  redis.call('HDEL', timer_index(code), name)
  if timer_legacy(v) then cancel_legacy_timer(v) else
    local member = timer_member(code, name)
    if redis.call('ZREM', TIMERS, member) == 1 then plan_unindex(member, cmsgpack.unpack(v)) end
  end
end

-- Sets (or moves) a pending timer: same member, new score, new value. A task made by an earlier
-- firing of the same name (queued, leased, retrying or dead) is another task and is left alone:
-- each firing is its own task (see pump), so a re-arm is never dropped.
local function set_timer(code, now, t)
  local member = timer_member(code, t.name)
  local prev = redis.call('HGET', timer_index(code), t.name)
  if prev and timer_legacy(prev) then cancel_legacy_timer(prev)
  elseif prev then
    plan_unindex(member, cmsgpack.unpack(prev))  -- a fired timer's value has no plan
  end
  redis.call('ZADD', TIMERS, t.due_ms, member)
  local value = {t.service, t.kind, t.priority_ms or 0, t.payload or ''}
  if t.plan and t.plan ~= '' then
    value = {t.service, t.kind, t.priority_ms or 0, t.payload or '', '', t.plan, t.assumed or {}}
    plan_index(code, member, t.years, t.assumed)
  end
  redis.call('HSET', timer_index(code), t.name, cmsgpack.pack(value))
  if not known_services[t.service] then
    known_services[t.service] = true
    redis.call('SADD', SERVICES, t.service)
  end
end

local function send_notice(code, now, nt)
  if nt.dedup_key and nt.dedup_key ~= '' then
    if redis.call('SADD', P .. ':sent:{' .. code .. '}', nt.dedup_key) == 0 then return end
  end
  local ob = P .. ':outbox:{' .. nt.recipient .. '}'
  redis.call('LPUSH', ob, cmsgpack.pack({at_ms = now, code = code, kind = nt.kind,
    text = nt.text}))
  redis.call('LTRIM', ob, 0, OUTBOX_MAX - 1)
  if nt.webhook and nt.webhook ~= '' then
    -- Also delivered by the webhook role, as a task: retried with backoff, dead-lettered after
    -- the attempt limit. The key is the same on every attempt so the receiver can drop repeats.
    -- The body names no URL: the role posts to the unit's webhook in its own config.
    local key = code .. '|' .. nt.recipient .. '|' .. (nt.dedup_key or '') .. '|' .. tostring(now)
    enqueue(now, 'webhook', 'deliver', '', code, now, cmsgpack.pack({key = key,
      recipient = nt.recipient, kind = nt.kind, text = nt.text, code = code, at_ms = now}))
  end
end

-- Defined by the agenda steps (agenda_scripts.cc), which come after this prelude.
local apply_agenda

-- An outcome's timers, cancellations, notices and agenda effects ('' when none), encoded by the
-- broker. `actor` is who placed an agenda item.
local function apply_effects(code, now, effects, actor)
  if effects == '' then return end
  local e = cmsgpack.unpack(effects)
  for _, name in ipairs(e.cancel or {}) do cancel_timer(code, name) end
  for _, t in ipairs(e.timers or {}) do set_timer(code, now, t) end
  for _, nt in ipairs(e.notices or {}) do send_notice(code, now, nt) end
  for _, a in ipairs(e.agenda or {}) do apply_agenda(code, now, a, actor) end
end

-- True when (svc, id) is leased under this fencing token.
local function holds_lease(svc, id, fence)
  local f = redis.call('HMGET', tkey(svc, id), 'st', 'fence')
  return f[1] == 'leased' and (fence == '' or f[2] == fence)
end

-- The batch calls over task references: fn(svc, id, fence) for each of the n triples of ARGV that
-- start at index i; returns the list of what fn returned.
local function each_ref(i, n, fn)
  local out = {}
  for k = 1, n do
    local j = i + 3 * (k - 1)
    out[k] = fn(ARGV[j], ARGV[j + 1], ARGV[j + 2])
  end
  return out
end

-- The record of an opaque request that named a request id (docs/redis-schema.md, `orid`): its
-- content's fingerprint, its task, st pending|done|dead, and the reply or the dead reason.
local function orid_key(svc, rid) return P .. ':orid:{' .. svc .. '}:' .. rid end

-- Opaque requests dead-lettered by this script call: {svc, id, client, reason} each, returned to
-- the broker so it answers their clients with an error instead of leaving them waiting.

local function finish(svc, id)
  redis.call('ZREM', lkey(svc), id)
  redis.call('DEL', tkey(svc, id))
end

-- Puts a task back after a failed delivery: retry after backoff, or dead-letter past the limit
-- (or at once when permanent). Returns 'retry' or 'dead'.
local function retry_or_dead(now, svc, id, reason, permanent, base, maxb, maxatt, deadmax)
  local tk = tkey(svc, id)
  local attempt = tonumber(redis.call('HGET', tk, 'attempt') or '0')
  redis.call('ZREM', lkey(svc), id)
  if permanent == '1' or attempt >= maxatt then
    redis.call('HSET', tk, 'st', 'dead', 'reason', reason, 'dead_at', now)
    local m = redis.call('HMGET', tk, 'kind', 'client', 'rid')
    if m[1] == 'mdp' then
      dead_requests[#dead_requests + 1] = {svc, id, m[2] or '', reason}
      if m[3] and redis.call('HEXISTS', orid_key(svc, m[3]), 'fp') == 1 then
        redis.call('HSET', orid_key(svc, m[3]), 'st', 'dead', 'reason', reason)
      end
    end
    redis.call('LPUSH', dkey(svc), id)
    while redis.call('LLEN', dkey(svc)) > deadmax do
      local old = redis.call('RPOP', dkey(svc))
      redis.call('DEL', tkey(svc, old))
    end
    return 'dead'
  end
  local delay = base * math.pow(2, math.max(attempt - 1, 0))
  if delay > maxb then delay = maxb end
  redis.call('HSET', tk, 'st', 'scheduled', 'reason', reason)
  redis.call('ZADD', RETRIES, now + delay, svc .. '|' .. id)
  return 'retry'
end
)LUA";

// ARGV: prefix now ttl_s n {request_id session doc actor}*n
// Returns per item: {code, 'new'|'dup'|'conflict', state}; 'conflict': the request id was used
// for a suggestion with other content (nothing is written).
constexpr const char* kSubmit = R"LUA(
local now, ttl, n = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
local i = 5
reserve(n)  -- a duplicate wastes its id; ids only need to be unique
for k = 1, n do
  local rid, session, doc, actor = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  i = i + 4
  local rkey = P .. ':req:' .. rid
  local prior = redis.call('GET', rkey)
  if prior then
    -- CODE|SHA1(doc); ids remembered before the hash was kept are just CODE.
    local pcode, phash = string.match(prior, '^([^|]*)|?(.*)$')
    local same = phash == '' or phash == redis.sha1hex(doc)
    out[k] = {pcode, same and 'dup' or 'conflict', redis.call('HGET', skey(pcode), 'state') or ''}
  else
    local seq = redis.call('INCR', P .. ':seq:code:' .. session)
    local code = 'S' .. session .. '-' .. string.format('%05d', seq)
    redis.call('HSET', skey(code), 'doc', doc, 'state', 'SUBMITTED', 'ver', 1, 'submitted', now,
      'units', '\129\165units\144', 'deadline', '', 'lead', '')
    redis.call('ZADD', P .. ':idx:state:SUBMITTED', now, code)
    redis.call('ZADD', P .. ':idx:all', now, code)
    audit(code, now, actor, 'submitted', '', 'SUBMITTED', '', '')
    enqueue(now, 'assignment', 'assign', '', code, now, '')
    redis.call('SET', rkey, code .. '|' .. redis.sha1hex(doc), 'EX', ttl)
    out[k] = {code, 'new', 'SUBMITTED'}
  end
end
return out
)LUA";

// ARGV: prefix now max_services ttl_s n {live svc kind client code prio body rid fp}*n. Queues
// opaque client requests. Service names are bounded: a name the services set does not hold is
// added only when a worker serves it now (live '1') and fewer than max_services are known.
// A request that names a request id (rid, fingerprint fp of its service and body) is recorded
// under orid_key for ttl_s; the same id again is not queued twice: per item the answer is
//   the task id (queued) | 'unknown' | 'full' (not queued) |
//   {'attached', id, previous client}: the request is still queued or leased; its answer now goes
//     to this client |
//   {'replied', reply}: it was answered; reply is the recorded body (EncodeFrames) |
//   {'dead', reason}: it was dead-lettered | {'conflict'}: the id was used for other content.
constexpr const char* kEnqueue = R"LUA(
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
    if not rec[1] then
      -- first time: queued below
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
)LUA";

// ARGV: prefix now lease_ms n {svc count}*n token*(sum of counts)
// Takes up to count tasks of each service (lowest score first), leases them, and returns per task:
// {svc, id, fence, attempt, kind, client, code, body, doc, state, ver, submitted, units, deadline,
// assigned, rec, rid}. Each lease's fence is the next of the broker's random tokens, never a counter:
// a counter rolls back when Redis loses its last writes (appendfsync everysec, a promoted
// replica) and would hand the same (task, fence) to a new lease; and a counter can be guessed.
constexpr const char* kDispatch = R"LUA(
local now, lease, n = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
local i = 5
local token = 5 + 2 * n
for k = 1, n do
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
      local s = {'', '', '', '', '', '', '', ''}
      if f[3] and f[3] ~= '' then
        s = redis.call('HMGET', skey(f[3]), 'doc', 'state', 'ver', 'submitted', 'units', 'deadline',
          'assigned', 'rec')
      end
      out[#out + 1] = {svc, id, fence, tostring(attempt), f[1] or '', f[2] or '',
        f[3] or '', f[4] or '', s[1] or '', s[2] or '', s[3] or '', s[4] or '', s[5] or '',
        s[6] or '', s[7] or '', s[8] or '', f[7] or ''}
    end
  end
end
return out
)LUA";

// ARGV: prefix ttl_s n {svc id fence reply}*n. Completes opaque tasks (kind 'mdp') whose lease is
// still held. A task that named a request id keeps its reply (the body frames, EncodeFrames) in its
// record for ttl_s, so a retry of the request is answered from it. Returns per item
// {'ok', client routing id} | {'stale'} (the lease was lost: a late or duplicate reply) |
// {'mismatch'} (the task is a role task: its reply must be an outcome).
constexpr const char* kAck = R"LUA(
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
)LUA";

// ARGV: prefix n {svc id fence}*n. What a REPLY from a worker this broker does not know answers:
// per item the stored task's {kind, code, rid} when (svc, id) is leased under that fence, else {}.
constexpr const char* kPeek = R"LUA(
return each_ref(3, tonumber(ARGV[2]), function(svc, id, fence)
  local f = redis.call('HMGET', tkey(svc, id), 'st', 'fence', 'kind', 'code', 'rid')
  if f[1] == 'leased' and f[2] == fence then return {f[3] or '', f[4] or '', f[5] or ''} end
  return {}
end)
)LUA";

// ARGV: prefix now lease_ms n {svc id fence}*n. A busy worker that heartbeats keeps its lease:
// each lease still held under its fence runs until now + lease_ms. Returns per item 1 | 0 (lost).
constexpr const char* kExtend = R"LUA(
local now, lease = tonumber(ARGV[2]), tonumber(ARGV[3])
return each_ref(5, tonumber(ARGV[4]), function(svc, id, fence)
  if not holds_lease(svc, id, fence) then return 0 end
  redis.call('HSET', tkey(svc, id), 'lease_until', now + lease)
  redis.call('ZADD', lkey(svc), now + lease, id)
  return 1
end)
)LUA";

// Applies one outcome to a suggestion (shared by "complete" and "update"). expect '-1' skips the
// version check and does not raise the version (kAnyVersion). Returns {'applied', ver} |
// {'superseded', ver} | {'invalid', from}. Needs ALLOWED and entered() (LifecycleLua).
constexpr const char* kApplyOutcome = R"LUA(
local function apply_outcome(code, now, expect, to_state, units, deadline, lead, unit_list, action,
                             note, actor, effects, record, task_id)
  local sk = skey(code)
  local cur = redis.call('HMGET', sk, 'state', 'ver', 'submitted')
  local any = expect == '-1'
  if not cur[1] or (not any and cur[2] ~= expect) then
    if cur[1] then
      audit(code, now, actor, 'outcome_superseded', cur[1], cur[1],
        'based on version ' .. expect .. ', now ' .. tostring(cur[2]), task_id)
    end
    return {'superseded', tonumber(cur[2] or '0')}
  end
  local from = cur[1]
  local to = from
  if to_state ~= '' then to = to_state end
  if to ~= from and not ALLOWED[from .. '>' .. to] then return {'invalid', from} end
  local ver = tonumber(cur[2])
  if not any then
    ver = ver + 1
    local fields = {'state', to, 'ver', ver}
    if units ~= '' then
      fields[#fields + 1] = 'units'; fields[#fields + 1] = units
      fields[#fields + 1] = 'lead'; fields[#fields + 1] = lead
    end
    if deadline ~= '' then
      fields[#fields + 1] = 'deadline'; fields[#fields + 1] = deadline
    end
    if record ~= '' then
      fields[#fields + 1] = 'rec'; fields[#fields + 1] = record
    end
    if to ~= from and to == 'ASSIGNED' then
      fields[#fields + 1] = 'assigned'; fields[#fields + 1] = now
    end
    redis.call('HSET', sk, unpack(fields))
  end
  if to ~= from then
    redis.call('ZREM', P .. ':idx:state:' .. from, code)
    redis.call('ZADD', P .. ':idx:state:' .. to, cur[3], code)
  end
  for unit in string.gmatch(unit_list, '[^,]+') do
    redis.call('ZADD', P .. ':idx:unit:' .. unit, cur[3], code)
  end
  audit(code, now, actor, action, from, to, note, task_id)
  apply_effects(code, now, effects, actor)
  if to ~= from then entered(code, now, to, now) end
  return {'applied', ver}
end
)LUA";

// ARGV: prefix now n {svc id fence expect_ver to_state units deadline lead unit_list action note
//                     actor effects}*n   (unit_list: unit ids joined by ','; effects:
//                     EncodeOutcomeEffects — timers to set, timers to cancel, notices)
// Applies role outcomes whose task lease is still held (see apply_outcome) to the suggestion the
// stored task names: the task hash is the only authority on the code and the kind, whatever the
// worker's reply says. Returns per item {'applied', ver} | {'stale'} | {'superseded', ver} |
// {'invalid', from} | {'mismatch'} (an opaque task, or one without a suggestion: nothing is
// applied and the lease is kept); an invalid outcome keeps its lease so the broker can
// dead-letter the task with the reason.
constexpr const char* kComplete = R"LUA(
local now, n = tonumber(ARGV[2]), tonumber(ARGV[3])
local out = {}
local i = 4
for k = 1, n do
  local svc, id, fence = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local f = redis.call('HMGET', tkey(svc, id), 'st', 'fence', 'kind', 'code')
  if f[1] ~= 'leased' or f[2] ~= fence then
    out[k] = {'stale'}
  elseif f[3] == 'mdp' or not f[4] or f[4] == '' then
    out[k] = {'mismatch'}
  else
    local r = apply_outcome(f[4], now, ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[i + 6],
      ARGV[i + 7], ARGV[i + 8], ARGV[i + 9], ARGV[i + 10], ARGV[i + 11], ARGV[i + 12], '', id)
    if r[1] ~= 'invalid' then finish(svc, id) end
    out[k] = r
  end
  i = i + 13
end
return out
)LUA";

// ARGV: prefix now code expect_ver to_state units deadline lead unit_list action note actor
//       effects record ('' keeps the stored handling record)
// A staff or unit action (duban.sign, duban.decide, ...) decided by the broker on a snapshot:
// applied only if the suggestion is still at expect_ver. Returns as apply_outcome.
constexpr const char* kUpdate = R"LUA(
return apply_outcome(ARGV[3], tonumber(ARGV[2]), ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8],
  ARGV[9], ARGV[10], ARGV[11], ARGV[12], ARGV[13], ARGV[14], '')
)LUA";

// ARGV: prefix now base_ms max_ms max_attempts dead_max n {svc id fence reason permanent}*n
// fence '' means "whatever lease is current" (the broker saw the worker die while holding it).
// Returns {per item 'retry' | 'dead' | 'stale', dead_requests (see retry_or_dead)}.
constexpr const char* kFail = R"LUA(
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
)LUA";

// ARGV: prefix now base_ms max_ms max_attempts dead_max limit
// Puts back tasks whose lease ran out, in every service. Returns {retried, dead, dead_requests}.
constexpr const char* kReap = R"LUA(
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
)LUA";

// ARGV: prefix now code units deadline lead unit_list actor note
// Staff assignment by hand. Allowed from SUBMITTED, IN_REVIEW or ACCEPTED. Returns {state, ver}.
constexpr const char* kAssign = R"LUA(
local now, code, units, deadline = tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5]
local lead, unit_list, actor, note = ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local sk = skey(code)
local cur = redis.call('HMGET', sk, 'state', 'ver', 'submitted')
if not cur[1] then return fail('NOT_FOUND', 'suggestion ' .. code .. ' does not exist') end
if cur[1] ~= 'SUBMITTED' and cur[1] ~= 'IN_REVIEW' and cur[1] ~= 'ACCEPTED' then
  return fail('FAILED_PRECONDITION', 'suggestion ' .. code .. ' is ' .. cur[1] ..
    '; only SUBMITTED, IN_REVIEW or ACCEPTED suggestions can be assigned')
end
local ver = tonumber(cur[2]) + 1
redis.call('HSET', sk, 'state', 'ASSIGNED', 'ver', ver, 'units', units, 'deadline', deadline,
  'lead', lead, 'assigned', now)
redis.call('ZREM', P .. ':idx:state:' .. cur[1], code)
redis.call('ZADD', P .. ':idx:state:ASSIGNED', cur[3], code)
for unit in string.gmatch(unit_list, '[^,]+') do
  redis.call('ZADD', P .. ':idx:unit:' .. unit, cur[3], code)
end
audit(code, now, actor, 'assigned', cur[1], 'ASSIGNED', note, '')
entered(code, now, 'ASSIGNED', now)
return {'ASSIGNED', ver}
)LUA";

// The lifecycle tables of common/protocol/lifecycle.h in Lua: ALLOWED['FROM>TO'] = true, and
// ON_ENTER[STATE] = {{service, kind}, ...} with a helper that queues those tasks.
std::string LifecycleLua() {
  std::string lua = "local ALLOWED = {";
  for (const auto& [from, to] : protocol::AllowedTransitions()) {
    lua += "['" + std::string(protocol::StateName(from)) + ">" +
           std::string(protocol::StateName(to)) + "'] = true, ";
  }
  lua += "}\nlocal ON_ENTER = {";
  for (const auto& t : protocol::StateEntryTasks()) {
    lua += "{'" + std::string(protocol::StateName(t.state)) + "', '" + t.service + "', '" +
           t.kind + "'}, ";
  }
  lua += R"(}
local function entered(code, now, state, prio)
  for _, e in ipairs(ON_ENTER) do
    if e[1] == state then enqueue(now, e[2], e[3], '', code, prio, '') end
  end
end
)";
  return lua;
}

// Scripts that only read: Redis runs them even at maxmemory and on a replica.
bool ReadsOnly(const std::string& name) {
  static const std::set<std::string> kReadOnly = {
      "get",        "list",       "queues",      "dlq_list",     "inbox",
      "paused",     "audit_read", "check",       "report_read",  "peek",
      "agenda_items", "hot_scan", "bundles", "cal_status", "cal_scan"};
  return kReadOnly.count(name) != 0;
}

// The Lua flags of a function (Redis 7): without `no-writes` Redis refuses the call as a whole
// ("-OOM …") before it runs when it is at maxmemory, so a function never stops half-way at its
// first refused write; with it, the function may not write and still runs at maxmemory.
std::string Flags(const std::string& name) {
  // `ack` only deletes (a finished opaque task): it may run at maxmemory, so answers that arrive
  // then are not lost and the task is not run again.
  if (ReadsOnly(name)) return "{'no-writes'}";
  if (name == "ack") return "{'allow-oom'}";
  return "{}";
}

std::vector<Script> Bodies() {
  std::vector<Script> all = {
      {"submit", kSubmit},     {"enqueue", kEnqueue}, {"dispatch", kDispatch},
      {"ack", kAck},           {"peek", kPeek},       {"extend", kExtend},
      {"complete", kComplete}, {"update", kUpdate},   {"fail", kFail},
      {"reap", kReap},         {"pump", kPump},       {"assign", kAssign},
      {"get", kGet},           {"list", kList},       {"queues", kQueues},
      {"dlq_list", kDlqList},  {"dlq_replay", kDlqReplay}, {"inbox", kInbox},
      {"set_timers", kSetTimers}, {"pause", kPause}, {"paused", kPaused},
      {"audit_read", kAuditRead}, {"check", kCheck}, {"report_read", kReportRead},
      {"cal_status", kCalStatus}, {"cal_scan", kCalScan}, {"cal_replan", kCalReplan},
      {"cal_mark", kCalMark},
  };
  for (Script& s : AgendaScriptBodies()) all.push_back(std::move(s));
  return all;
}

}  // namespace

ScriptLibrary DubanScripts() {
  // The shared steps once, then one registered function per script: its body runs inside the
  // function, after begin_call has reset the per-call state.
  std::string code = std::string(kPrelude) + CalendarPreludeLua() + kPreludeTimers +
                     AgendaPreludeLua() + LifecycleLua() + kApplyOutcome;
  std::vector<Script> bodies = Bodies();
  std::string registrations;
  for (const Script& b : bodies) {
    registrations += "\nredis.register_function{function_name = LIB .. '_" + b.name +
                     "', flags = " + Flags(b.name) +
                     ", callback = function(keys, args)\nbegin_call(keys, args)\n" + b.source +
                     "\nend}\n";
  }
  code += registrations;
  ScriptLibrary lib;
  lib.name = "duban_" + Sha1Hex(code).substr(0, 16);
  lib.source = "#!lua name=" + lib.name + "\nlocal LIB = '" + lib.name + "'\n" + code;
  for (const Script& b : bodies) lib.functions.push_back(b.name);
  return lib;
}

}  // namespace duban::store
