-- The monthly progress timer alternates between two names, each check arming the other (from
-- when a timer could not be set again while its own task ran; harmless now that each firing is
-- its own task).
-- AG_OPEN, AG_ALL, BUNDLE_OF and BUNDLES (P:ag:open, ...) are set per call by begin_call.
local PROGRESS_TIMERS = {'agenda.progress.a', 'agenda.progress.b'}
local function agkey(id) return P .. ':ag:item:{' .. id .. '}' end
local function bkey(bid) return P .. ':bundle:{' .. bid .. '}' end
local function bmkey(bid) return P .. ':bundle:members:{' .. bid .. '}' end

-- One audit entry that changes no state (from = to = the suggestion's state).
local function note_audit(code, now, actor, action, note)
  local st = redis.call('HGET', skey(code), 'state') or ''
  audit(code, now, actor, action, st, st, note, '')
end

-- The suggestions an item stands for: a bundle's members, or the suggestion itself.
local function item_codes(id, kind)
  if kind == 'bundle' then return redis.call('ZRANGE', bmkey(id), 0, -1) end
  return {id}
end

local function arm_progress(id, code, now, name, due)
  redis.call('HSET', agkey(id), 'progress_code', code, 'progress_timer', name)
  set_timer(code, now, {name = name, service = 'escalation', kind = 'progress', due_ms = due,
    priority_ms = 0, payload = id})
end

-- Puts `code` (or the bundle it belongs to) on the agenda with the reason (key, text). Returns the
-- item id and 'new' | 'reopened' | 'added' | 'known' (the key was there: nothing changed).
local function agenda_place(code, now, by, key, text, next_check)
  local id, kind = code, 'suggestion'
  local bid = redis.call('HGET', BUNDLE_OF, code)
  if bid then
    id, kind = bid, 'bundle'
    key, text = code .. '/' .. key, code .. '：' .. text
  end
  local ik = agkey(id)
  local f = redis.call('HMGET', ik, 'state', 'reasons')
  local reasons = {}
  if f[2] and f[2] ~= '' then reasons = cmsgpack.unpack(f[2]) end
  for _, r in ipairs(reasons) do
    if r.key == key then return id, 'known' end
  end
  reasons[#reasons + 1] = {key = key, text = text, at_ms = now, by = by}
  local result = 'added'
  if not f[1] then
    redis.call('HSET', ik, 'id', id, 'kind', kind, 'state', 'OPEN', 'placed_ms', now,
      'placed_by', by, 'director', '')
    redis.call('ZADD', AG_ALL, now, id)
    result = 'new'
  elseif f[1] ~= 'OPEN' then
    redis.call('HSET', ik, 'state', 'OPEN', 'placed_ms', now, 'placed_by', by, 'resolved_ms', 0,
      'resolved_by', '', 'note', '')
    result = 'reopened'
  end
  redis.call('HSET', ik, 'reasons', cmsgpack.pack(reasons))
  if result ~= 'added' then
    redis.call('ZADD', AG_OPEN, now, id)
    redis.call('HSET', ik, 'checked_ms', now)
    arm_progress(id, code, now, PROGRESS_TIMERS[1], next_check)
  end
  return id, result
end

-- Ends an OPEN item: state, resolution, its progress timers, one audit entry per suggestion.
local function agenda_close(id, now, by, note, action)
  local ik = agkey(id)
  local f = redis.call('HMGET', ik, 'kind', 'progress_code')
  redis.call('HSET', ik, 'state', 'RESOLVED', 'resolved_ms', now, 'resolved_by', by, 'note', note)
  redis.call('ZREM', AG_OPEN, id)
  if f[2] and f[2] ~= '' then
    for _, name in ipairs(PROGRESS_TIMERS) do cancel_timer(f[2], name) end
  end
  for _, c in ipairs(item_codes(id, f[1])) do note_audit(c, now, by, action, note) end
end

-- True when the audit trail of `code` has a progress report after `since` (newest first, so
-- the walk stops at the first older entry: a few entries per month).
local function reported_since(code, since)
  local i = redis.call('LLEN', akey(code)) - 1
  while i >= 0 do
    local e = cmsgpack.unpack(redis.call('LINDEX', akey(code), i))
    if (tonumber(e.at_ms) or 0) <= since then return false end
    if e.action == 'progress_reported' then return true end
    i = i - 1
  end
  return false
end

-- The monthly progress timer of item a.item fired on suggestion `code`.
local function agenda_progress_check(code, now, a)
  local ik = agkey(a.item)
  local f = redis.call('HMGET', ik, 'state', 'kind', 'checked_ms', 'director', 'progress_timer')
  if f[1] ~= 'OPEN' then return end  -- resolved meanwhile: the timer ends here
  local since = tonumber(f[3] or '0') or 0
  local reported = false
  for _, c in ipairs(item_codes(a.item, f[2])) do
    if reported_since(c, since) then reported = true; break end
  end
  if not reported then
    local to = 'staff'
    if f[4] and f[4] ~= '' then to = 'office:director:' .. f[4] end
    send_notice(code, now, {recipient = to, kind = 'progress_missing', text = a.text,
      dedup_key = ''})
    note_audit(code, now, 'worker:escalation', 'progress_missing',
      'agenda item ' .. a.item .. ': no progress report since the last check; notified ' .. to)
  end
  redis.call('HSET', ik, 'checked_ms', now)
  local nxt = PROGRESS_TIMERS[1]
  if f[5] == nxt then nxt = PROGRESS_TIMERS[2] end
  arm_progress(a.item, code, now, nxt, a.next_check_ms)
end

apply_agenda = function(code, now, a, actor)
  if a.op == 'place' then
    agenda_place(code, now, actor, a.key, a.text, a.next_check_ms)
  elseif a.op == 'progress_check' then
    agenda_progress_check(code, now, a)
  end
end

-- The title of a stored draft ('' when it cannot be read).
local function title_of(doc)
  if not doc or doc == '' then return '' end
  local ok, d = pcall(cmsgpack.unpack, doc)
  if ok and type(d) == 'table' and type(d.title) == 'string' then return d.title end
  return ''
end

-- {code, title, state, lead} of a suggestion.
local function member_row(code)
  local s = redis.call('HMGET', skey(code), 'doc', 'state', 'lead')
  return {code, title_of(s[1]), s[2] or '', s[3] or ''}
end
