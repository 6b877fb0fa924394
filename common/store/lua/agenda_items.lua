--! flags: no-writes
-- ARGV: prefix all(1|0) limit. Returns per item (open ones, or every item with all=1, newest
-- placement first): {id, kind, state, placed_ms, placed_by, director, resolved_ms, resolved_by,
-- note, {{key, text, at_ms, by}...}, topic, lead, supervisor, {{code, title, state, lead}...}}.
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
