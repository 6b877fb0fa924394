--! flags: no-writes
-- Pages go by rank in P:idx:all (submission order): suggestions are never deleted and new ones
-- sort last, so a rank cursor visits each suggestion once during a scan.
local mode, cursor, limit = ARGV[2], tonumber(ARGV[4]), tonumber(ARGV[5])
local total = redis.call('ZCARD', P .. ':idx:all')
local codes, nxt = {ARGV[3]}, 0
if mode == 'all' then
  codes = redis.call('ZRANGE', P .. ':idx:all', cursor, cursor + limit - 1)
  nxt = cursor + #codes
  if #codes == 0 or nxt >= total then nxt = 0 end
elseif redis.call('EXISTS', skey(ARGV[3])) == 0 then
  return fail('NOT_FOUND', 'suggestion ' .. ARGV[3] .. ' does not exist')
end
local out = {nxt, total}
for _, code in ipairs(codes) do
  local h = redis.call('HMGET', skey(code), 'ahash', 'alen')
  out[#out + 1] = {code, h[1] or '', h[2] or '', redis.call('LRANGE', akey(code), 0, -1)}
end
return out
