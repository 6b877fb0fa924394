--! flags: no-writes
-- Pages go by rank in P:idx:all, as kAuditRead's: suggestions are never deleted and new ones sort
-- last, so a rank cursor visits each suggestion once. The assignment filter runs here so that a
-- narrow date range does not ship every stored document to the broker; the session filter needs
-- the draft, which the broker decodes anyway.
local cursor, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
local from_ms, to_ms = tonumber(ARGV[4]), tonumber(ARGV[5])
local total = redis.call('ZCARD', P .. ':idx:all')
local codes = redis.call('ZRANGE', P .. ':idx:all', cursor, cursor + limit - 1)
local nxt = cursor + #codes
if #codes == 0 or nxt >= total then nxt = 0 end
local out = {nxt, total, #codes}
for _, code in ipairs(codes) do
  local s = redis.call('HMGET', skey(code), 'doc', 'state', 'ver', 'submitted', 'units',
    'deadline', 'assigned', 'rec', 'committee')
  local assigned = tonumber(s[7] or '')
  if s[1] and assigned and assigned > 0 and
      (not from_ms or (assigned >= from_ms and assigned <= to_ms)) then
    out[#out + 1] = {code, s[1], s[2], s[3] or '', s[4] or '', s[5] or '', s[6] or '', s[7],
      s[8] or '', s[9] or ''}
  end
end
return out
