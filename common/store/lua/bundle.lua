-- ARGV: prefix now action(create|add|remove) id actor topic lead supervisor next_check n codes...
--   committee (create: the committee whose supervision topic it is, '' none)
-- Returns the bundle id. A code joining a bundle brings its own OPEN agenda item along: its
-- reasons move to the bundle's item and its own item is resolved ("merged into the bundle").
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
    'created_ms', now, 'created_by', actor, 'committee', ARGV[11 + n] or '')
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
