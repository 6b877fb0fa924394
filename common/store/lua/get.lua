--! flags: no-writes
-- ARGV: prefix code with_audit before limit max_bytes -> {doc, state, ver, submitted, units,
-- deadline, assigned, {audit...}, rec, total, start, committee}. With with_audit '1', the page of the audit
-- list that ends just before index `before` (0 or past the end: the newest entries): at most
-- `limit` entries and, newest first, no more than `max_bytes` stored bytes (but at least one
-- entry); `total` is the list's length and `start` the index of the page's first entry (the
-- `before` of the next older page; 0 when there is none). Read backwards in chunks of 50, so a
-- long timeline costs one page, not the whole list.
local code, with_audit = ARGV[2], ARGV[3] ~= '0'
local s = redis.call('HMGET', skey(code), 'doc', 'state', 'ver', 'submitted', 'units', 'deadline',
  'assigned', 'rec', 'committee')
if not s[1] then return fail('NOT_FOUND', 'suggestion ' .. code .. ' does not exist') end
local entries, total, start = {}, 0, 0
if with_audit then
  local akey_ = akey(code)
  total = redis.call('LLEN', akey_)
  local before, limit = tonumber(ARGV[4]) or 0, tonumber(ARGV[5]) or 100
  local budget = tonumber(ARGV[6]) or 196608
  if before <= 0 or before > total then before = total end
  local idx, used, rev, full = before, 0, {}, false
  while idx > 0 and #rev < limit and not full do
    local lo = math.max(0, idx - 50, before - limit)
    local chunk = redis.call('LRANGE', akey_, lo, idx - 1)
    for j = #chunk, 1, -1 do
      local n = #chunk[j]
      if #rev > 0 and used + n > budget then full = true break end
      used = used + n
      rev[#rev + 1] = chunk[j]
      idx = lo + j - 1
    end
  end
  start = idx
  for j = #rev, 1, -1 do entries[#entries + 1] = rev[j] end
end
return {s[1], s[2], s[3], s[4], s[5], s[6] or '', s[7] or '', entries, s[8] or '', total, start,
  s[9] or ''}
