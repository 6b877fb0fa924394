-- ARGV: prefix now code committee committee_name actor reason next_check_ms
-- A committee proposes the suggestion it supervises (分工督办) for the directors' meeting agenda:
-- places it (or its bundle) with the reason key committee:<id>:<now> (a new reason each time, so
-- a proposal after the item was resolved opens it again), audits the proposal and the placement,
-- and tells the directors' agenda outbox. Returns {item id, "new"|"reopened"|"added"}.
-- NOT_FOUND: no such suggestion; PERMISSION_DENIED: another committee supervises it;
-- FAILED_PRECONDITION: its item is open with this committee's proposal already (nothing written).
local now, code, committee, name = tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5]
local actor, reason = ARGV[6], ARGV[7]
if redis.call('EXISTS', skey(code)) == 0 then
  return fail('NOT_FOUND', 'suggestion ' .. code .. ' does not exist')
end
if redis.call('HGET', skey(code), 'committee') ~= committee then
  return fail('PERMISSION_DENIED', 'suggestion ' .. code .. ' is not supervised by committee ' ..
    committee)
end
-- Its item (the suggestion's, or its bundle's) while open holds one proposal per committee.
local item = redis.call('HGET', BUNDLE_OF, code) or code
local f = redis.call('HMGET', agkey(item), 'state', 'reasons')
if f[1] == 'OPEN' and f[2] and f[2] ~= '' then
  local mine = (item == code and '' or code .. '/') .. 'committee:' .. committee .. ':'
  for _, r in ipairs(cmsgpack.unpack(f[2])) do
    if string.sub(r.key or '', 1, #mine) == mine then
      return fail('FAILED_PRECONDITION', code .. ' is already on the agenda (item ' .. item ..
        ') by this committee\'s proposal')
    end
  end
end
local key = 'committee:' .. committee .. ':' .. string.format('%d', now)
local text = name .. '提议：' .. reason
note_audit(code, now, actor, 'committee_proposed', text)
local id, result = agenda_place(code, now, actor, key, text, tonumber(ARGV[8]))
note_audit(code, now, actor, 'placed_on_agenda', 'agenda item ' .. id .. ' (' .. result .. ')')
send_notice(code, now, {recipient = 'agenda:directors', kind = 'agenda',
  text = '【主任会议议程】' .. name .. '提议将建议 ' .. code .. '《' .. member_row(code)[2] ..
    '》列入主任会议议程：' .. reason,
  dedup_key = 'agenda.' .. key .. '@agenda:directors'})
return {id, result}
