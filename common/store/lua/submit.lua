-- ARGV: prefix now ttl_s n {request_id session doc actor deputy}*n (deputy: the lead deputy's id,
-- for its index idx:deputy:<id>)
-- Returns per item: {code, 'new'|'dup'|'conflict', state}; 'conflict': the request id was used
-- for a suggestion with other content (nothing is written).
local now, ttl, n = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
local i = 5
reserve(n)  -- a duplicate wastes its id; ids only need to be unique
for k = 1, n do
  local rid, session, doc, actor, deputy = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
  i = i + 5
  local rkey = P .. ':req:' .. rid
  local prior = redis.call('GET', rkey)
  if prior then
    -- CODE|SHA1(doc); ids remembered before the hash was kept are just CODE.
    local pcode, phash = string.match(prior, '^([^|]*)|?(.*)$')
    local same = phash == '' or phash == redis.sha1hex(doc)
    out[k] = {pcode, same and 'dup' or 'conflict', redis.call('HGET', skey(pcode), 'state') or ''}
  else
    local seq = redis.call('INCR', P .. ':seq:code:' .. session)
    local code = 'S' .. session .. '-' .. string.format('%05d', seq)
    -- A new code: its trail starts at the genesis (no list to read), its head in the same HSET.
    -- The fields go in as the strings record_digest hashed.
    local dh, at = redis.sha1hex(doc), string.format('%d', now)
    local units = '\129\165units\144'
    local rs = record_digest({state = 'SUBMITTED', ver = '1', submitted = at, units = units,
      deadline = '', lead = '', dh = dh})
    local ahash, alen = audit_entry(code, now, actor, 'submitted', '', 'SUBMITTED', '', '',
      redis.sha1hex(code), 0, rs)
    redis.call('HSET', skey(code), 'doc', doc, 'dh', dh, 'state', 'SUBMITTED', 'ver', '1',
      'submitted', at, 'units', units, 'deadline', '', 'lead', '', 'rs', rs, 'ahash', ahash,
      'alen', alen)
    redis.call('ZADD', P .. ':idx:state:SUBMITTED', now, code)
    redis.call('ZADD', P .. ':idx:all', now, code)
    if deputy ~= '' then redis.call('ZADD', P .. ':idx:deputy:' .. deputy, now, code) end
    enqueue(now, 'assignment', 'assign', '', code, now, '')
    redis.call('SET', rkey, code .. '|' .. dh, 'EX', ttl)
    out[k] = {code, 'new', 'SUBMITTED'}
  end
end
return out
