-- ARGV: prefix now action(list|mark|unmark) code actor reason next_check_ms
-- mark: records the mark, audits it, places the suggestion (or its bundle) on the agenda and tells
-- the directors' agenda outbox. list: {{code, title, reason, actor, at_ms}...}.
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
