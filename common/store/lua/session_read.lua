--! flags: no-writes
-- ARGV: prefix now action ...   The reads of the 代表·局长面对面 sessions (session.lua writes):
-- they still answer when Redis is full.
--   get: id -> {id, doc}; NOT_FOUND.
--   list: from_day to_day limit -> {{id, doc}...}, by date then id, at most `limit`.
local action = ARGV[3]
local function fkey(id) return P .. ':f2f:{' .. id .. '}' end
if action == 'get' then
  local doc = redis.call('HGET', fkey(ARGV[4]), 'doc')
  if not doc then return fail('NOT_FOUND', 'no session ' .. ARGV[4]) end
  return {ARGV[4], doc}
end
if action == 'list' then
  local out = {}
  local ids = redis.call('ZRANGEBYSCORE', P .. ':f2f:all', ARGV[4], ARGV[5], 'LIMIT', 0,
    tonumber(ARGV[6]))
  for _, id in ipairs(ids) do out[#out + 1] = {id, redis.call('HGET', fkey(id), 'doc') or ''} end
  return out
end
return fail('INVALID_ARGUMENT', 'unknown action ' .. action)
