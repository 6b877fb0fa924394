-- ARGV: prefix now action(schedule) ...
--   schedule: request_id date day actor doc n codes...
--     Keeps a 代表·局长面对面 session: a new id F0001, F0002, ... its description `doc` (the
--     encoded Session, without id) under f2f:{ID}, the id in f2f:all scored by `day` (days since
--     1970-01-01 of its date). Each discussed suggestion's record and timeline are then changed by
--     the caller (services/session_api.cc), one versioned update each. A request id seen before
--     returns its session and writes nothing. Returns {id, 'new'|'known'}. NOT_FOUND: a code that
--     does not exist (nothing written).
-- The reads (get, list) are session_read.lua.
local now, action = tonumber(ARGV[2]), ARGV[3]
local ALL, SEQ, REQ = P .. ':f2f:all', P .. ':seq:f2f', P .. ':f2f:req'
local function fkey(id) return P .. ':f2f:{' .. id .. '}' end

if action ~= 'schedule' then return fail('INVALID_ARGUMENT', 'unknown action ' .. action) end

local request_id, date, day, actor = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local doc, n = ARGV[8], tonumber(ARGV[9])
if request_id ~= '' then
  local known = redis.call('HGET', REQ, request_id)
  if known then return {known, 'known'} end
end
local codes = {}
for k = 1, n do
  codes[k] = ARGV[9 + k]
  if redis.call('EXISTS', skey(codes[k])) == 0 then
    return fail('NOT_FOUND', 'suggestion ' .. codes[k] .. ' does not exist')
  end
end
local id = string.format('F%04d', redis.call('INCR', SEQ))
redis.call('HSET', fkey(id), 'doc', doc, 'date', date, 'created_ms', now, 'created_by', actor)
redis.call('ZADD', ALL, day, id)
if request_id ~= '' then redis.call('HSET', REQ, request_id, id) end
return {id, 'new'}
