#include "common/store/agenda_scripts.h"

namespace duban::store {
namespace {

// The monthly progress timer alternates between two names, each check arming the other (from
// when a timer could not be set again while its own task ran; harmless now that each firing is
// its own task).
constexpr const char* kAgendaPrelude = R"LUA(
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
)LUA";

// ARGV: prefix all(1|0) limit. Returns per item (open ones, or every item with all=1, newest
// placement first): {id, kind, state, placed_ms, placed_by, director, resolved_ms, resolved_by,
// note, {{key, text, at_ms, by}...}, topic, lead, supervisor, {{code, title, state, lead}...}}.
constexpr const char* kAgendaItems = R"LUA(
local all, limit = ARGV[2] == '1', tonumber(ARGV[3])
local ids = redis.call('ZREVRANGE', all and AG_ALL or AG_OPEN, 0, limit - 1)
local out = {}
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', agkey(id), 'kind', 'state', 'placed_ms', 'placed_by', 'director',
    'resolved_ms', 'resolved_by', 'note', 'reasons')
  local b = {'', '', ''}
  if f[1] == 'bundle' then b = redis.call('HMGET', bkey(id), 'topic', 'lead', 'supervisor') end
  local members, reasons = {}, {}
  for _, c in ipairs(item_codes(id, f[1])) do members[#members + 1] = member_row(c) end
  if f[9] and f[9] ~= '' then
    for _, r in ipairs(cmsgpack.unpack(f[9])) do
      reasons[#reasons + 1] = {r.key or '', r.text or '', tostring(r.at_ms or 0), r.by or ''}
    end
  end
  out[#out + 1] = {id, f[1] or '', f[2] or '', f[3] or '0', f[4] or '', f[5] or '', f[6] or '0',
    f[7] or '', f[8] or '', reasons, b[1] or '', b[2] or '', b[3] or '', members}
end
return out
)LUA";

// ARGV: prefix now action(lead|resolve) id actor arg (director | note). Returns the item's state.
constexpr const char* kAgendaAct = R"LUA(
local now, action, id, actor, arg = tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local ik = agkey(id)
local f = redis.call('HMGET', ik, 'state', 'kind')
if not f[1] then return fail('NOT_FOUND', 'no agenda item ' .. id) end
if f[1] ~= 'OPEN' then
  return fail('FAILED_PRECONDITION', 'agenda item ' .. id .. ' is ' .. f[1])
end
if action == 'lead' then
  redis.call('HSET', ik, 'director', arg, 'director_by', actor, 'director_ms', now)
  for _, c in ipairs(item_codes(id, f[2])) do
    note_audit(c, now, actor, 'agenda_director_set', '领衔督办：' .. arg .. ' (agenda item ' .. id .. ')')
  end
  return 'OPEN'
end
agenda_close(id, now, actor, arg, 'agenda_resolved')
return 'RESOLVED'
)LUA";

// ARGV: prefix action(list|add|remove) date. Returns the staff-set dates.
constexpr const char* kMeetings = R"LUA(
local key = P .. ':meetings'
if ARGV[2] == 'add' and redis.call('SADD', key, ARGV[3]) == 0 then
  return fail('ALREADY_EXISTS', 'a meeting on ' .. ARGV[3] .. ' is already set')
end
if ARGV[2] == 'remove' and redis.call('SREM', key, ARGV[3]) == 0 then
  return fail('NOT_FOUND', 'no meeting set by staff on ' .. ARGV[3])
end
return redis.call('SMEMBERS', key)
)LUA";

// ARGV: prefix now action(list|mark|unmark) code actor reason next_check_ms
// mark: records the mark, audits it, places the suggestion (or its bundle) on the agenda and tells
// the directors' agenda outbox. list: {{code, title, reason, actor, at_ms}...}.
constexpr const char* kHot = R"LUA(
local now, action, code, actor, reason = tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local HOT = P .. ':hot'
if action == 'list' then
  local out = {}
  local flat = redis.call('HGETALL', HOT)
  for j = 1, #flat, 2 do
    local m = cmsgpack.unpack(flat[j + 1])
    local row = member_row(flat[j])
    out[#out + 1] = {flat[j], row[2], m.reason or '', m.actor or '', tostring(m.at_ms or 0)}
  end
  return out
end
if redis.call('EXISTS', skey(code)) == 0 then
  return fail('NOT_FOUND', 'suggestion ' .. code .. ' does not exist')
end
if action == 'unmark' then
  if redis.call('HDEL', HOT, code) == 0 then
    return fail('NOT_FOUND', code .. ' is not marked hot')
  end
  note_audit(code, now, actor, 'hot_unmarked', 'no longer a hot item (热点难点); its agenda item stays until resolved')
  return {}
end
if redis.call('HEXISTS', HOT, code) == 1 then
  return fail('FAILED_PRECONDITION', code .. ' is already marked hot')
end
redis.call('HSET', HOT, code, cmsgpack.pack({reason = reason, actor = actor, at_ms = now}))
note_audit(code, now, actor, 'hot_marked', '热点难点：' .. reason)
local id, result = agenda_place(code, now, actor, 'hot', '热点难点：' .. reason, tonumber(ARGV[7]))
note_audit(code, now, actor, 'placed_on_agenda', 'agenda item ' .. id .. ' (' .. result .. ')')
send_notice(code, now, {recipient = 'agenda:directors', kind = 'agenda',
  text = '【主任会议议程】建议 ' .. code .. '《' .. member_row(code)[2] .. '》列为热点难点：' .. reason,
  dedup_key = 'agenda.hot@agenda:directors'})
return {id, result}
)LUA";

// ARGV: prefix limit. The newest `limit` suggestions for the hot rules:
// {{code, state, session, title, category, co_signers, {keywords}}...}.
constexpr const char* kHotScan = R"LUA(
local out = {}
for _, code in ipairs(redis.call('ZREVRANGE', P .. ':idx:all', 0, tonumber(ARGV[2]) - 1)) do
  local s = redis.call('HMGET', skey(code), 'doc', 'state')
  local ok, d = pcall(cmsgpack.unpack, s[1] or '')
  if ok and type(d) == 'table' then
    local kw = {}
    for _, k in ipairs(d.keywords or {}) do kw[#kw + 1] = tostring(k) end
    out[#out + 1] = {code, s[2] or '', tostring(d.session or ''), tostring(d.title or ''),
      tostring(d.category or ''), #(d.co_signers or {}), kw}
  end
end
return out
)LUA";

// ARGV: prefix now action(create|add|remove) id actor topic lead supervisor next_check n codes...
// Returns the bundle id. A code joining a bundle brings its own OPEN agenda item along: its
// reasons move to the bundle's item and its own item is resolved ("merged into the bundle").
constexpr const char* kBundle = R"LUA(
local now, action, id, actor = tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5]
local topic, lead, supervisor, next_check = ARGV[6], ARGV[7], ARGV[8], tonumber(ARGV[9])
local n = tonumber(ARGV[10])
local codes = {}
for k = 1, n do codes[k] = ARGV[10 + k] end
for _, c in ipairs(codes) do
  if redis.call('EXISTS', skey(c)) == 0 then
    return fail('NOT_FOUND', 'suggestion ' .. c .. ' does not exist')
  end
  local other = redis.call('HGET', BUNDLE_OF, c)
  if action ~= 'remove' and other then
    return fail('FAILED_PRECONDITION', c .. ' is already in bundle ' .. other)
  end
  if action == 'remove' and other ~= id then
    return fail('NOT_FOUND', c .. ' is not in bundle ' .. id)
  end
end
if action == 'create' then
  id = string.format('B%04d', redis.call('INCR', P .. ':seq:bundle'))
  redis.call('HSET', bkey(id), 'id', id, 'topic', topic, 'lead', lead, 'supervisor', supervisor,
    'created_ms', now, 'created_by', actor)
  redis.call('ZADD', BUNDLES, now, id)
elseif redis.call('EXISTS', bkey(id)) == 0 then
  return fail('NOT_FOUND', 'no bundle ' .. id)
end
topic = redis.call('HGET', bkey(id), 'topic')
for _, c in ipairs(codes) do
  if action == 'remove' then
    redis.call('HDEL', BUNDLE_OF, c)
    redis.call('ZREM', bmkey(id), c)
    note_audit(c, now, actor, 'bundle_removed', 'left bundle ' .. id .. '（' .. topic .. '）')
  else
    redis.call('HSET', BUNDLE_OF, c, id)
    redis.call('ZADD', bmkey(id), now, c)
    note_audit(c, now, actor, 'bundle_added', '打捆督办 ' .. id .. '：' .. topic)
    local own = redis.call('HMGET', agkey(c), 'state', 'reasons')
    if own[1] == 'OPEN' then
      for _, r in ipairs(cmsgpack.unpack(own[2])) do
        agenda_place(c, now, r.by, r.key, r.text, next_check)
      end
      agenda_close(c, now, actor, 'merged into bundle ' .. id, 'agenda_merged')
    end
  end
end
return id
)LUA";

// ARGV: prefix id ('' = every bundle, newest first, at most 1000). Returns per bundle
// {id, topic, lead, supervisor, created_ms, created_by, {{code, title, state, lead}...}}.
constexpr const char* kBundles = R"LUA(
local ids = {ARGV[2]}
if ARGV[2] == '' then ids = redis.call('ZREVRANGE', BUNDLES, 0, 999) end
local out = {}
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', bkey(id), 'topic', 'lead', 'supervisor', 'created_ms', 'created_by')
  if not f[1] then return fail('NOT_FOUND', 'no bundle ' .. id) end
  local members = {}
  for _, c in ipairs(redis.call('ZRANGE', bmkey(id), 0, -1)) do members[#members + 1] = member_row(c) end
  out[#out + 1] = {id, f[1], f[2] or '', f[3] or '', f[4] or '0', f[5] or '', members}
end
return out
)LUA";

}  // namespace

const char* AgendaPreludeLua() { return kAgendaPrelude; }

std::vector<Script> AgendaScriptBodies() {
  return {{"agenda_items", kAgendaItems}, {"agenda_act", kAgendaAct}, {"meetings", kMeetings},
          {"hot", kHot},                  {"hot_scan", kHotScan},     {"bundle", kBundle},
          {"bundles", kBundles}};
}

}  // namespace duban::store
