-- ARGV: prefix now code units deadline lead unit_list actor note committee
-- Staff assignment by hand. Allowed from SUBMITTED, IN_REVIEW or ACCEPTED. Returns {state, ver}.
local now, code, units, deadline = tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5]
local lead, unit_list, actor, note, committee = ARGV[6], ARGV[7], ARGV[8], ARGV[9], ARGV[10]
local sk = skey(code)
local cur = redis.call('HMGET', sk, 'state', 'ver', 'submitted', 'rh', 'dh', 'committee')
if not cur[1] then return fail('NOT_FOUND', 'suggestion ' .. code .. ' does not exist') end
if cur[1] ~= 'SUBMITTED' and cur[1] ~= 'IN_REVIEW' and cur[1] ~= 'ACCEPTED' then
  return fail('FAILED_PRECONDITION', 'suggestion ' .. code .. ' is ' .. cur[1] ..
    '; only SUBMITTED, IN_REVIEW or ACCEPTED suggestions can be assigned')
end
local ver = tonumber(cur[2]) + 1
local v, at = string.format('%d', ver), string.format('%d', now)
if committee == '' then committee = cur[6] or '' end
local rs = record_digest({state = 'ASSIGNED', ver = v, submitted = cur[3], units = units,
  deadline = deadline, lead = lead, assigned = at, committee = committee, rh = cur[4], dh = cur[5]})
redis.call('HSET', sk, 'state', 'ASSIGNED', 'ver', v, 'units', units, 'deadline', deadline,
  'lead', lead, 'assigned', at, 'committee', committee, 'rs', rs)
if committee ~= (cur[6] or '') then
  if cur[6] then redis.call('ZREM', P .. ':idx:committee:' .. cur[6], code) end
  if committee ~= '' then redis.call('ZADD', P .. ':idx:committee:' .. committee, cur[3], code) end
end
redis.call('ZREM', P .. ':idx:state:' .. cur[1], code)
redis.call('ZADD', P .. ':idx:state:ASSIGNED', cur[3], code)
for unit in string.gmatch(unit_list, '[^,]+') do
  redis.call('ZADD', P .. ':idx:unit:' .. unit, cur[3], code)
end
audit(code, now, actor, 'assigned', cur[1], 'ASSIGNED', note, '')
entered(code, now, 'ASSIGNED', now)
return {'ASSIGNED', ver}
