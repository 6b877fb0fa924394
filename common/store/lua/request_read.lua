--! flags: no-writes
-- ARGV: prefix now action ...   The reads of the requests from the people (request.lua writes):
-- they still answer when Redis is full.
--   get: code -> {doc, ver, {events...}}; NOT_FOUND
--   list: to from_ms to_ms limit -> {{code, doc}...} newest first
--   counts: from_ms to_ms -> {{to, received, acknowledged, on_time, answered, converted, open}...}
--           by `to`; RESOURCE_EXHAUSTED past 100 000 requests in the period (one call reads them)
local action = ARGV[3]
local ALL = P .. ':rq:all'
local function rkey(code) return P .. ':rq:{' .. code .. '}' end
local function hkey(code) return P .. ':rq:h:{' .. code .. '}' end
local function tokey(to) return P .. ':rq:to:{' .. to .. '}' end
local MAX_COUNTED = 100000

if action == 'get' then
  local f = redis.call('HMGET', rkey(ARGV[4]), 'doc', 'ver')
  if not f[1] then return fail('NOT_FOUND', 'no request ' .. ARGV[4]) end
  return {f[1], f[2], redis.call('LRANGE', hkey(ARGV[4]), 0, -1)}
end

if action == 'list' then
  local key = ARGV[4] == '' and ALL or tokey(ARGV[4])
  local codes = redis.call('ZREVRANGEBYSCORE', key, ARGV[6], ARGV[5], 'LIMIT', 0, tonumber(ARGV[7]))
  local out = {}
  for _, c in ipairs(codes) do out[#out + 1] = {c, redis.call('HGET', rkey(c), 'doc') or ''} end
  return out
end

if action == 'counts' then
  if redis.call('ZCOUNT', ALL, ARGV[4], ARGV[5]) > MAX_COUNTED then
    return fail('RESOURCE_EXHAUSTED', 'more than ' .. MAX_COUNTED .. ' requests in the period: ' ..
      'count a shorter one')
  end
  local by, order = {}, {}
  for _, c in ipairs(redis.call('ZRANGEBYSCORE', ALL, ARGV[4], ARGV[5])) do
    local f = redis.call('HMGET', rkey(c), 'to', 'state', 'acked_ms', 'ack_due_ms')
    if f[1] then
      local t = by[f[1]]
      if not t then
        t = {f[1], 0, 0, 0, 0, 0, 0}
        by[f[1]] = t
        order[#order + 1] = f[1]
      end
      t[2] = t[2] + 1
      local acked = tonumber(f[3] or '0')
      if acked > 0 then
        t[3] = t[3] + 1
        if acked <= tonumber(f[4] or '0') then t[4] = t[4] + 1 end
      end
      if f[2] == 'ANSWERED' then t[5] = t[5] + 1 end
      if f[2] == 'CONVERTED' then t[6] = t[6] + 1 end
      if f[2] == 'RECEIVED' then t[7] = t[7] + 1 end
    end
  end
  table.sort(order)
  local out = {}
  for _, to in ipairs(order) do out[#out + 1] = by[to] end
  return out
end

return fail('INVALID_ARGUMENT', 'unknown action ' .. action)
