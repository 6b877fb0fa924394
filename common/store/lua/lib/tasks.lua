-- Shared by every script: key builders and the small steps several scripts take.
-- Per-call state: a library is loaded once and its functions are called many times, so what one
-- call sets up is reset by begin_call at the start of each (every registered function calls it).
local ARGV, P, TIMERS, SERVICES, RETRIES
local CAL_YEARS, AG_OPEN, AG_ALL, BUNDLE_OF, BUNDLES
local known_services  -- services SADDed by this call
local next_id, last_id  -- task ids reserved by this call (reserve)
local dead_requests  -- opaque requests dead-lettered by this call (see below)
-- The key prefix is the call's one key, KEYS[1]: the deployment's hash tag, "{duban}" (see
-- docs/redis-schema.md), which every key below starts with, so each call touches one slot. It is
-- put first in ARGV as well, so each operation reads ARGV as its header documents ("ARGV: prefix
-- ...").
local function begin_call(keys, args)
  P = keys[1]
  table.insert(args, 1, P)
  ARGV = args
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

-- The record's state as an audit entry records it (`rs`): the SHA-1 of the fields a change may
-- set, each written <length>:<value> and joined by ',' in this order, an absent field as ''; the
-- fields after the first nine (added later: `committee`) only when set, so a record that never
-- had them keeps the digest its entries recorded. `dh`
-- and `rh` are the SHA-1 of the suggestion's text (doc) and of its handling record (rec), taken
-- when those are written, so neither is read nor hashed again at every entry.
-- common/audit_chain.h's RecordDigest computes the same. Every script that writes one of these
-- fields (submit, assign, apply_outcome) writes the new digest in the record's own field `rs` in
-- the same HSET, and every entry carries the record's `rs` as it then stands; audit() reads it
-- with the head, so an entry that changes nothing costs no digest.
local RS_FIELDS = {'state', 'ver', 'submitted', 'units', 'deadline', 'lead', 'assigned', 'rh', 'dh',
  'committee'}
local RS_ALWAYS = 9  -- the fields always in the digest; the later ones only when set
local function record_digest(r)
  local parts, n = {}, 0
  for i, f in ipairs(RS_FIELDS) do
    local v = r[f] or ''
    if i <= RS_ALWAYS or v ~= '' then
      parts[n + 1], parts[n + 2], parts[n + 3], parts[n + 4] = i > 1 and ',' or '', #v, ':', v
      n = n + 4
    end
  end
  return redis.sha1hex(table.concat(parts))
end
local RS_FIELDS_AND_RS = {'state', 'ver', 'submitted', 'units', 'deadline', 'lead', 'assigned',
  'rh', 'dh', 'committee', 'rs'}  -- RS_FIELDS, then the digest
-- The RS_FIELDS values of an HMGET reply whose first `skip` fields were others.
local function record_of(h, skip)
  local r = {}
  for i, f in ipairs(RS_FIELDS) do r[f] = h[skip + i] end
  return r
end

-- Appends one audit entry, chained: prev is the SHA-1 of the previous entry's stored bytes, taken
-- from the head (ahash, alen in the suggestion's hash), never from the list, so an entry removed
-- or changed by hand stays detectable (common/audit_chain.h). The genesis is sha1hex(code); a
-- trail written before chains starts its chain from its last entry. rs is record_digest of the
-- record as it stands once the change is written.
-- audit_entry appends the entry after the head (prev, alen) the caller read with the suggestion's
-- other fields (false/nil: read from the list here) and returns the new head (ahash, alen), which
-- the caller writes in the same HSET as its own fields: two commands fewer per entry than audit.
local function audit_entry(code, now, actor, action, from, to, note, task, prev, alen, rs)
  alen = tonumber(alen)
  if not prev or not alen then
    alen = redis.call('LLEN', akey(code))
    prev = alen == 0 and redis.sha1hex(code) or redis.sha1hex(redis.call('LINDEX', akey(code), -1))
  end
  local entry = cmsgpack.pack({at_ms = now, actor = actor, action = action, from = from, to = to,
    note = note, task = task, prev = prev, rs = rs})
  redis.call('RPUSH', akey(code), entry)
  return redis.sha1hex(entry), alen + 1
end
-- An entry for a change that leaves the record's fields as they are (or whose script wrote them
-- and their `rs` before): the head and the record's digest read in one HMGET.
local function audit(code, now, actor, action, from, to, note, task)
  local h = redis.call('HMGET', skey(code), 'ahash', 'alen', 'rs')
  local ahash, alen = audit_entry(code, now, actor, action, from, to, note, task, h[1], h[2], h[3])
  redis.call('HSET', skey(code), 'ahash', ahash, 'alen', alen)
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
-- t:{SERVICE}:T<CODE>.<NAME>.<seq> is made only when pump fires it; the field stays after firing
-- (until cancelled or set again, with the fired task's id as 5th element) so the fired task can
-- be found by name. (Values of the layout before 2026-11, "SERVICE|T<CODE>.<NAME>", are converted
-- by the broker when it connects: common/store/key_layout.h; none are read here.)
local function timer_index(code) return P .. ':tm:{' .. code .. '}' end
local function timer_member(code, name) return code .. '|' .. name end
local function timer_id(code, name) return 'T' .. code .. '.' .. name end
-- A name has no '|' ([A-Za-z0-9._-]), so the last '|' splits a member into code and name.
local function timer_split(member) return string.match(member, '^(.*)|([^|]*)$') end
-- An index value decoded, or nil when it is not one (a msgpack array of 4 to 7 elements: first
-- byte 0x94..0x97): a value edited by hand is skipped, never fired as something else, and
-- `check` reports it.
local function timer_decode(v)
  local b = v and string.byte(v, 1)
  if not b or b < 0x94 or b > 0x97 then return nil end
  return cmsgpack.unpack(v)
end
local OUTBOX_MAX = 10000  -- notices kept per recipient; the oldest are trimmed

