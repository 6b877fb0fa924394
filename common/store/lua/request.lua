-- ARGV: prefix now action ...   Requests from the people (社情民意, services/request_api.cc).
-- Keys: rq:{CODE} (hash: doc = the encoded PeopleRequest without code and history, ver, state,
-- to, received_ms, ack_due_ms, acked_ms, converting, the reminder texts and recipients),
-- rq:h:{CODE} (list: the history, cmsgpack events), rq:all and rq:to:{TO} (ZSETs by arrival),
-- rq:due (ZSET of CODE|remind and CODE|overdue by due time), rq:req (request id -> code),
-- seq:rq:YEAR.
--   submit: year request_id to doc ack_due_ms remind_ms notice_text remind_text overdue_text
--           actor note n recipients... -> {code, 'new'|'known'}
--   get: code -> {doc, ver, {events...}}; NOT_FOUND
--   update: code expect_ver state doc actor action note acked_ms -> 1, or 0 when the version moved
--           (nothing written). Leaving RECEIVED drops its reminders.
--   converting: request_id n codes... -> the request id every code is being converted under
--           (the first one set, so a retried conversion submits the same suggestion);
--           FAILED_PRECONDITION when codes are under different ones
--   list: to from_ms to_ms limit -> {{code, doc}...} newest first
--   counts: from_ms to_ms -> {{to, received, acknowledged, on_time, answered, converted, open}...}
--   sweep: limit -> reminders sent (a still RECEIVED request's due reminder and overdue notice)
local now, action = tonumber(ARGV[2]), ARGV[3]
local ALL, DUE, REQ = P .. ':rq:all', P .. ':rq:due', P .. ':rq:req'
local function rkey(code) return P .. ':rq:{' .. code .. '}' end
local function hkey(code) return P .. ':rq:h:{' .. code .. '}' end
local function tokey(to) return P .. ':rq:to:{' .. to .. '}' end
local function event(code, actor, act, note)
  redis.call('RPUSH', hkey(code), cmsgpack.pack({at_ms = now, actor = actor, action = act,
    note = note}))
end

if action == 'submit' then
  local year, request_id, to, doc = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
  local ack_due, remind_at = tonumber(ARGV[8]), tonumber(ARGV[9])
  local notice_text, remind_text, overdue_text = ARGV[10], ARGV[11], ARGV[12]
  local actor, note, n = ARGV[13], ARGV[14], tonumber(ARGV[15])
  if request_id ~= '' then
    local known = redis.call('HGET', REQ, request_id)
    if known then return {known, 'known'} end
  end
  local recipients = {}
  for k = 1, n do recipients[k] = ARGV[15 + k] end
  local code = string.format('R%s-%05d', year, redis.call('INCR', P .. ':seq:rq:' .. year))
  redis.call('HSET', rkey(code), 'doc', doc, 'ver', 1, 'state', 'RECEIVED', 'to', to,
    'received_ms', now, 'ack_due_ms', ack_due, 'acked_ms', 0, 'remind_text', remind_text,
    'overdue_text', overdue_text, 'recipients', cmsgpack.pack(recipients))
  redis.call('ZADD', ALL, now, code)
  redis.call('ZADD', tokey(to), now, code)
  if remind_at > now and remind_at < ack_due then redis.call('ZADD', DUE, remind_at, code .. '|remind') end
  redis.call('ZADD', DUE, ack_due + 1, code .. '|overdue')
  if request_id ~= '' then redis.call('HSET', REQ, request_id, code) end
  event(code, actor, 'received', note)
  for _, r in ipairs(recipients) do
    send_notice(code, now, {recipient = r, kind = 'request', text = notice_text,
      dedup_key = 'rq.received@' .. r})
  end
  return {code, 'new'}
end

if action == 'get' then
  local f = redis.call('HMGET', rkey(ARGV[4]), 'doc', 'ver')
  if not f[1] then return fail('NOT_FOUND', 'no request ' .. ARGV[4]) end
  return {f[1], f[2], redis.call('LRANGE', hkey(ARGV[4]), 0, -1)}
end

if action == 'update' then
  local code, expect, state, doc = ARGV[4], tonumber(ARGV[5]), ARGV[6], ARGV[7]
  local ver = tonumber(redis.call('HGET', rkey(code), 'ver'))
  if not ver then return fail('NOT_FOUND', 'no request ' .. code) end
  if ver ~= expect then return 0 end
  redis.call('HSET', rkey(code), 'doc', doc, 'ver', ver + 1, 'state', state)
  if tonumber(ARGV[11]) > 0 then redis.call('HSET', rkey(code), 'acked_ms', ARGV[11]) end
  if state ~= 'RECEIVED' then redis.call('ZREM', DUE, code .. '|remind', code .. '|overdue') end
  event(code, ARGV[8], ARGV[9], ARGV[10])
  return 1
end

if action == 'converting' then
  local request_id, n = ARGV[4], tonumber(ARGV[5])
  local under = nil
  for k = 1, n do
    local c = ARGV[5 + k]
    local f = redis.call('HMGET', rkey(c), 'state', 'converting')
    if not f[1] then return fail('NOT_FOUND', 'no request ' .. c) end
    if f[2] and f[2] ~= '' then
      if under and under ~= f[2] then
        return fail('FAILED_PRECONDITION', c .. ' is being turned into another suggestion')
      end
      under = f[2]
    elseif f[1] ~= 'RECEIVED' and f[1] ~= 'ACKNOWLEDGED' then
      return fail('FAILED_PRECONDITION', c .. ' is ' .. f[1] .. ': only a received or ' ..
        'acknowledged request is turned into a suggestion')
    end
  end
  under = under or request_id
  for k = 1, n do redis.call('HSET', rkey(ARGV[5 + k]), 'converting', under) end
  return under
end

if action == 'list' then
  local key = ARGV[4] == '' and ALL or tokey(ARGV[4])
  local codes = redis.call('ZREVRANGEBYSCORE', key, ARGV[6], ARGV[5], 'LIMIT', 0, tonumber(ARGV[7]))
  local out = {}
  for _, c in ipairs(codes) do out[#out + 1] = {c, redis.call('HGET', rkey(c), 'doc') or ''} end
  return out
end

if action == 'counts' then
  local by, order = {}, {}
  for _, c in ipairs(redis.call('ZRANGEBYSCORE', ALL, ARGV[4], ARGV[5])) do
    local f = redis.call('HMGET', rkey(c), 'to', 'state', 'acked_ms', 'ack_due_ms')
    if f[1] then
      local t = by[f[1]]
      if not t then
        t = {f[1], 0, 0, 0, 0, 0, 0}
        by[f[1]] = t
        order[#order + 1] = f[1]
      end
      t[2] = t[2] + 1
      local acked = tonumber(f[3] or '0')
      if acked > 0 then
        t[3] = t[3] + 1
        if acked <= tonumber(f[4] or '0') then t[4] = t[4] + 1 end
      end
      if f[2] == 'ANSWERED' then t[5] = t[5] + 1 end
      if f[2] == 'CONVERTED' then t[6] = t[6] + 1 end
      if f[2] == 'RECEIVED' then t[7] = t[7] + 1 end
    end
  end
  table.sort(order)
  local out = {}
  for _, to in ipairs(order) do out[#out + 1] = by[to] end
  return out
end

if action == 'sweep' then
  local sent = 0
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', DUE, '-inf', now, 'LIMIT', 0, tonumber(ARGV[4]))) do
    redis.call('ZREM', DUE, m)
    local bar = string.find(m, '|', 1, true)
    local code, stage = string.sub(m, 1, bar - 1), string.sub(m, bar + 1)
    local f = redis.call('HMGET', rkey(code), 'state', 'remind_text', 'overdue_text', 'recipients')
    if f[1] == 'RECEIVED' then
      local to = cmsgpack.unpack(f[4])
      if stage == 'overdue' then to[#to + 1] = 'staff' end
      for _, r in ipairs(to) do
        send_notice(code, now, {recipient = r, kind = 'request_' .. stage,
          text = stage == 'overdue' and f[3] or f[2], dedup_key = 'rq.' .. stage .. '@' .. r})
      end
      event(code, 'system', stage == 'overdue' and 'ack_overdue' or 'ack_reminded',
        (stage == 'overdue' and 'not acknowledged in time; told ' or 'reminded ') ..
        table.concat(to, ', '))
      sent = sent + 1
    end
  end
  return sent
end

return fail('INVALID_ARGUMENT', 'unknown action ' .. action)
