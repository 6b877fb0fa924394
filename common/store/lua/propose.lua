-- ARGV: prefix now code committee committee_name actor reason next_check_ms
-- A committee proposes the suggestion it supervises (分工督办) for the directors' meeting agenda:
-- places it (or its bundle) with the reason key committee:<id>, audits the proposal and the
-- placement, and tells the directors' agenda outbox. Returns {item id, "new"|"reopened"|"added"|
-- "known"}. NOT_FOUND: no such suggestion; PERMISSION_DENIED: another committee supervises it.
local now, code, committee, name = tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5]
local actor, reason = ARGV[6], ARGV[7]
local supervisor = redis.call('HGET', skey(code), 'committee')
if redis.call('EXISTS', skey(code)) == 0 then
  return fail('NOT_FOUND', 'suggestion ' .. code .. ' does not exist')
end
if supervisor ~= committee then
  return fail('PERMISSION_DENIED', 'suggestion ' .. code .. ' is not supervised by committee ' ..
    committee)
end
local text = name .. '提议：' .. reason
note_audit(code, now, actor, 'committee_proposed', text)
local id, result = agenda_place(code, now, actor, 'committee:' .. committee, text,
  tonumber(ARGV[8]))
note_audit(code, now, actor, 'placed_on_agenda', 'agenda item ' .. id .. ' (' .. result .. ')')
send_notice(code, now, {recipient = 'agenda:directors', kind = 'agenda',
  text = '【主任会议议程】' .. name .. '提议将建议 ' .. code .. '《' .. member_row(code)[2] ..
    '》列入主任会议议程：' .. reason,
  dedup_key = 'agenda.committee@agenda:directors'})
return {id, result}
