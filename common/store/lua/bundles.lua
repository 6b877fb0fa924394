--! flags: no-writes
-- ARGV: prefix id ('' = every bundle, newest first, at most 1000). Returns per bundle
-- {id, topic, lead, supervisor, created_ms, created_by, {{code, title, state, lead}...},
-- committee}.
local ids = {ARGV[2]}
if ARGV[2] == '' then ids = redis.call('ZREVRANGE', BUNDLES, 0, 999) end
local out = {}
for _, id in ipairs(ids) do
  local f = redis.call('HMGET', bkey(id), 'topic', 'lead', 'supervisor', 'created_ms', 'created_by',
    'committee')
  if not f[1] then return fail('NOT_FOUND', 'no bundle ' .. id) end
  local members = {}
  for _, c in ipairs(redis.call('ZRANGE', bmkey(id), 0, -1)) do members[#members + 1] = member_row(c) end
  out[#out + 1] = {id, f[1], f[2] or '', f[3] or '', f[4] or '0', f[5] or '', members,
    f[6] or ''}
end
return out
