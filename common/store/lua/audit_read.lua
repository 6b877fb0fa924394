--! flags: no-writes
-- ARGV: prefix mode code cursor limit. mode 'code': that suggestion; 'all': a page of every
-- suggestion, each {code, ahash, alen, {entries}, {RS_FIELDS values}, doc, rec}; 'heads': a page of
-- {code, ahash, alen} only (the checkpointer's leaves; broker/checkpointer.h).
-- Pages go by rank in P:idx:all (submission order): suggestions are never deleted and new ones
-- sort last, so a rank cursor visits each suggestion once during a scan.
local mode, cursor, limit = ARGV[2], tonumber(ARGV[4]), tonumber(ARGV[5])
local total = redis.call('ZCARD', P .. ':idx:all')
local codes, nxt = {ARGV[3]}, 0
if mode == 'all' or mode == 'heads' then
  codes = redis.call('ZRANGE', P .. ':idx:all', cursor, cursor + limit - 1)
  nxt = cursor + #codes
  if #codes == 0 or nxt >= total then nxt = 0 end
elseif redis.call('EXISTS', skey(ARGV[3])) == 0 then
  return fail('NOT_FOUND', 'suggestion ' .. ARGV[3] .. ' does not exist')
end
local out = {nxt, total}
for _, code in ipairs(codes) do
  if mode == 'heads' then
    local h = redis.call('HMGET', skey(code), 'ahash', 'alen')
    out[#out + 1] = {code, h[1] or '', h[2] or ''}
  else
    local h = redis.call('HMGET', skey(code), 'ahash', 'alen', 'doc', 'rec', unpack(RS_FIELDS))
    local record = {}
    for i = 1, #RS_FIELDS do record[i] = h[4 + i] or '' end
    out[#out + 1] = {code, h[1] or '', h[2] or '', redis.call('LRANGE', akey(code), 0, -1),
      record, h[3] or '', h[4] or ''}
  end
end
return out
