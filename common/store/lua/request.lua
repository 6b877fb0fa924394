-- ARGV: prefix now action ...   Requests from the people (社情民意, services/request_api.cc).
-- Keys: rq:{CODE} (hash: doc = the encoded PeopleRequest without code and history, ver, state,
-- to, received_ms, ack_due_ms, acked_ms, converting + converting_codes, the reminder texts and
-- recipients), rq:h:{CODE} (list: the history, cmsgpack events), rq:all and rq:to:{TO} (ZSETs by
-- arrival), rq:due (ZSET of CODE|remind and CODE|overdue by due time), rq:req:{ID} (request id ->
-- code|digest of the request, expiring after ttl), seq:rq:YEAR. Reads: request_read.lua.
--   submit: year suffix request_id digest ttl to doc ack_due_ms remind_ms notice_text remind_text
--           overdue_text actor note n recipients... channels... (n + 1: each recipient's,
--           then staff's; "mail,sms", "" for none) -> {code, 'new'|'known'}; the code is
--           R<year>-<seq>-<suffix> (the suffix is random: a code is not guessed from another).
--           FAILED_PRECONDITION: the request id was used for another request.
--   update: code expect_ver state doc actor action note acked_ms -> 1, or 0 when the version moved
--           (nothing written). Leaving RECEIVED drops its reminders. FAILED_PRECONDITION: a
--           request being turned into a suggestion is changed only to CONVERTED.
--   converting: request_id n codes... -> the request id the codes are converted under: this one
--           when none is marked (each must be RECEIVED or ACKNOWLEDGED), else the one they were
--           marked with by a conversion of exactly these codes (a retry, which submits the same
--           suggestion); FAILED_PRECONDITION otherwise.
--   sweep: limit -> reminders sent (a still RECEIVED request's due reminder and overdue notice)
local now, action = tonumber(ARGV[2]), ARGV[3]
local ALL, DUE = P .. ':rq:all', P .. ':rq:due'
local rkey = request_key
local function tokey(to) return P .. ':rq:to:{' .. to .. '}' end
local function event(code, actor, act, note) request_event(code, now, actor, act, note) end

if action == 'submit' then
  local year, suffix, request_id, digest = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
  local ttl, to, doc = tonumber(ARGV[8]), ARGV[9], ARGV[10]
  local ack_due, remind_at = tonumber(ARGV[11]), tonumber(ARGV[12])
  local notice_text, remind_text, overdue_text = ARGV[13], ARGV[14], ARGV[15]
  local actor, note, n = ARGV[16], ARGV[17], tonumber(ARGV[18])
  local rid = P .. ':rq:req:{' .. request_id .. '}'
  local known = redis.call('GET', rid)
  if known then
    local bar = string.find(known, '|', 1, true)
    if string.sub(known, bar + 1) ~= digest then
      return fail('FAILED_PRECONDITION', 'request id ' .. request_id .. ' was used for another ' ..
        'request: a retry sends the same request, a new one needs a new request id')
    end
    return {string.sub(known, 1, bar - 1), 'known'}
  end
  local recipients, channels = {}, {}
  for k = 1, n do recipients[k] = ARGV[18 + k] end
  -- Each recipient's mail and SMS channels, and staff's: kept for the sweep's notices.
  for k = 1, n + 1 do
    local list = {}
    for c in string.gmatch(ARGV[18 + n + k] or '', '[^,]+') do list[#list + 1] = c end
    channels[k <= n and recipients[k] or 'staff'] = list
  end
  local code = string.format('R%s-%05d-%s', year, redis.call('INCR', P .. ':seq:rq:' .. year),
    suffix)
  redis.call('HSET', rkey(code), 'doc', doc, 'ver', 1, 'state', 'RECEIVED', 'to', to,
    'received_ms', now, 'ack_due_ms', ack_due, 'acked_ms', 0, 'remind_text', remind_text,
    'overdue_text', overdue_text, 'recipients', cmsgpack.pack(recipients),
    'channels', cmsgpack.pack(channels))
  redis.call('ZADD', ALL, now, code)
  redis.call('ZADD', tokey(to), now, code)
  if remind_at > now and remind_at < ack_due then redis.call('ZADD', DUE, remind_at, code .. '|remind') end
  redis.call('ZADD', DUE, ack_due + 1, code .. '|overdue')
  redis.call('SET', rid, code .. '|' .. digest, 'EX', ttl)
  event(code, actor, 'received', note)
  for _, r in ipairs(recipients) do
    send_notice(code, now, {recipient = r, kind = 'request', text = notice_text,
      dedup_key = 'rq.received@' .. r, channels = channels[r]})
  end
  return {code, 'new'}
end

if action == 'update' then
  local code, expect, state, doc = ARGV[4], tonumber(ARGV[5]), ARGV[6], ARGV[7]
  local ver = tonumber(redis.call('HGET', rkey(code), 'ver'))
  if not ver then return fail('NOT_FOUND', 'no request ' .. code) end
  if ver ~= expect then return 0 end
  local mark = redis.call('HGET', rkey(code), 'converting')
  if mark and mark ~= '' and state ~= 'CONVERTED' then
    return fail('FAILED_PRECONDITION', code .. ' is being turned into a suggestion')
  end
  redis.call('HSET', rkey(code), 'doc', doc, 'ver', ver + 1, 'state', state)
  if tonumber(ARGV[11]) > 0 then redis.call('HSET', rkey(code), 'acked_ms', ARGV[11]) end
  if state ~= 'RECEIVED' then redis.call('ZREM', DUE, code .. '|remind', code .. '|overdue') end
  event(code, ARGV[8], ARGV[9], ARGV[10])
  return 1
end

if action == 'converting' then
  local request_id, n = ARGV[4], tonumber(ARGV[5])
  local codes = {}
  for k = 1, n do codes[k] = ARGV[5 + k] end
  local joined = table.concat(codes, ',')
  local under = nil
  for _, c in ipairs(codes) do
    local f = redis.call('HMGET', rkey(c), 'state', 'converting', 'converting_codes')
    if not f[1] then return fail('NOT_FOUND', 'no request ' .. c) end
    if f[2] and f[2] ~= '' then
      if f[3] ~= joined or (under and under ~= f[2]) then
        return fail('FAILED_PRECONDITION', c .. ' is part of another conversion (' ..
          (f[3] or '') .. '): convert exactly those requests again, or these without it')
      end
      under = f[2]
    elseif f[1] ~= 'RECEIVED' and f[1] ~= 'ACKNOWLEDGED' then
      return fail('FAILED_PRECONDITION', c .. ' is ' .. f[1] .. ': only a received or ' ..
        'acknowledged request is turned into a suggestion')
    end
  end
  if under then
    -- A retry: every code must carry the mark (a code left unmarked is in no conversion).
    for _, c in ipairs(codes) do
      if (redis.call('HGET', rkey(c), 'converting') or '') ~= under then
        return fail('FAILED_PRECONDITION', c .. ' is not part of conversion ' .. under)
      end
    end
    return under
  end
  for _, c in ipairs(codes) do
    redis.call('HSET', rkey(c), 'converting', request_id, 'converting_codes', joined)
  end
  return request_id
end

if action == 'sweep' then
  local sent = 0
  for _, m in ipairs(redis.call('ZRANGEBYSCORE', DUE, '-inf', now, 'LIMIT', 0, tonumber(ARGV[4]))) do
    redis.call('ZREM', DUE, m)
    local bar = string.find(m, '|', 1, true)
    local code, stage = string.sub(m, 1, bar - 1), string.sub(m, bar + 1)
    local f = redis.call('HMGET', rkey(code), 'state', 'remind_text', 'overdue_text', 'recipients',
      'channels')
    if f[1] == 'RECEIVED' then
      local to = cmsgpack.unpack(f[4])
      -- A request kept before channels were: none (its notices reach the inboxes).
      local ok, chans = pcall(cmsgpack.unpack, f[5] or '')
      if not ok or type(chans) ~= 'table' then chans = {} end
      if stage == 'overdue' then to[#to + 1] = 'staff' end
      for _, r in ipairs(to) do
        send_notice(code, now, {recipient = r, kind = 'request_' .. stage,
          text = stage == 'overdue' and f[3] or f[2], dedup_key = 'rq.' .. stage .. '@' .. r,
          channels = chans[r]})
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
