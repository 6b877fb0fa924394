-- ARGV: prefix now code expect_ver doc actor note
-- A suggestion returned for rework (RETURNED_FOR_REWORK) resubmitted with its revised draft: the
-- draft and its digest replaced, SUBMITTED again (version + 1), one 'resubmitted' entry, and the
-- state-entry tasks of SUBMITTED queued (the assignment role routes it again). Returns
-- {'applied', ver} | {'superseded', ver} | {'invalid', state}; NOT_FOUND.
local now, code, expect, doc, actor, note = tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5], ARGV[6],
  ARGV[7]
local sk = skey(code)
local cur = redis.call('HMGET', sk, 'state', 'ver', 'submitted', 'ahash', 'alen',
  unpack(RS_FIELDS_AND_RS))
if not cur[1] then return fail('NOT_FOUND', 'suggestion ' .. code .. ' does not exist') end
if cur[2] ~= expect then return {'superseded', tonumber(cur[2])} end
if cur[1] ~= 'RETURNED_FOR_REWORK' or not ALLOWED[cur[1] .. '>SUBMITTED'] then
  return {'invalid', cur[1]}
end
local ver = string.format('%d', tonumber(cur[2]) + 1)
local dh = redis.sha1hex(doc)
local after = record_of(cur, 5)
after.state, after.ver, after.dh = 'SUBMITTED', ver, dh
local rs = record_digest(after)
local ahash, alen = audit_entry(code, now, actor, 'resubmitted', cur[1], 'SUBMITTED', note, '',
  cur[4], cur[5], rs)
redis.call('HSET', sk, 'doc', doc, 'dh', dh, 'state', 'SUBMITTED', 'ver', ver, 'rs', rs,
  'ahash', ahash, 'alen', alen)
redis.call('ZREM', P .. ':idx:state:' .. cur[1], code)
redis.call('ZADD', P .. ':idx:state:SUBMITTED', cur[3], code)
entered(code, now, 'SUBMITTED', now)
return {'applied', tonumber(ver)}
