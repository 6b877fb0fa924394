-- The rest of the prelude, after the calendar's index steps (CalendarPreludeLua, which set_timer,
-- cancel_timer and pump use).
-- Removes a pending timer; a timer that already fired (its task queued, leased, retrying or
-- dead) is left alone, only its index field goes.
local function cancel_timer(code, name)
  local v = redis.call('HGET', timer_index(code), name)
  if not v then return end
  redis.call('HDEL', timer_index(code), name)
  local member = timer_member(code, name)
  if redis.call('ZREM', TIMERS, member) == 1 then plan_unindex(member, timer_decode(v) or {}) end
end

-- Sets (or moves) a pending timer: same member, new score, new value. A task made by an earlier
-- firing of the same name (queued, leased, retrying or dead) is another task and is left alone:
-- each firing is its own task (see pump), so a re-arm is never dropped.
local function set_timer(code, _, t)  -- (code, now, timer): now is not needed
  local member = timer_member(code, t.name)
  local prev = timer_decode(redis.call('HGET', timer_index(code), t.name))
  if prev then plan_unindex(member, prev) end  -- a fired timer's value has no plan
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
  -- Its id in the outbox (what duban.inbox read names), the same for the same notice.
  local id = string.sub(redis.sha1hex(code .. '|' .. nt.recipient .. '|' .. nt.kind .. '|' ..
    tostring(now) .. '|' .. nt.text), 1, 12)
  local n = redis.call('LPUSH', ob, cmsgpack.pack({at_ms = now, code = code, kind = nt.kind,
    text = nt.text, id = id}))
  -- How many of the outbox's notices are unread, kept beside it (layout 4) so that an inbox
  -- page reads its count without unpacking the whole outbox.
  redis.call('INCR', P .. ':unread:{' .. nt.recipient .. '}')
  if n > OUTBOX_MAX then  -- the oldest goes; if it was unread, so does its count
    local oldest = redis.call('LINDEX', ob, OUTBOX_MAX)
    local ok, e = pcall(cmsgpack.unpack, oldest or '')
    if not (ok and type(e) == 'table' and e.read) then
      redis.call('DECR', P .. ':unread:{' .. nt.recipient .. '}')
    end
    redis.call('LTRIM', ob, 0, OUTBOX_MAX - 1)
  end
  -- The recipient's mail and SMS ([[contact]] in config, filled in by the broker): one task each
  -- for the delivery role, retried with backoff; the role finds the address in its own config.
  for _, channel in ipairs(nt.channels or {}) do
    enqueue(now, 'delivery', channel, '', code, now, cmsgpack.pack({id = id,
      recipient = nt.recipient, kind = nt.kind, text = nt.text, code = code, at_ms = now}))
  end
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

-- A request from the people (社情民意, request.lua): its record and its history, one cmsgpack
-- event {at_ms, actor, action, note} per entry.
local function request_key(code) return P .. ':rq:{' .. code .. '}' end
local function request_event(code, now, actor, action, note)
  redis.call('RPUSH', P .. ':rq:h:{' .. code .. '}', cmsgpack.pack({at_ms = now, actor = actor,
    action = action, note = note}))
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
    if svc == 'delivery' or svc == 'webhook' then
      -- A notice that could not be sent: said on its suggestion's timeline.
      local code = redis.call('HGET', tk, 'code')
      local st = code and code ~= '' and redis.call('HGET', skey(code), 'state')
      local note = (m[1] or '') .. ' not delivered after ' .. attempt .. ' attempt(s): ' .. reason
      if st then
        audit(code, now, 'worker:' .. svc, 'notice_failed', st, st, note, id)
      elseif code and code ~= '' and redis.call('EXISTS', request_key(code)) == 1 then
        request_event(code, now, 'worker:' .. svc, 'notice_failed', note)  -- a request's notice
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
