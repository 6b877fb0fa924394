-- ARGV: prefix code... Puts each suggestion in the index of its lead deputy, idx:deputy:<id>,
-- scored by its submission time, as submit does since layout 3 (common/store/key_layout.h); the id
-- is read from the stored draft. A second run changes nothing.
-- Returns {indexed, unreadable drafts}.
local indexed, unreadable = 0, 0
for i = 2, #ARGV do
  local code = ARGV[i]
  local h = redis.call('HMGET', skey(code), 'doc', 'submitted')
  if h[1] then
    local ok, doc = pcall(cmsgpack.unpack, h[1])
    local id = ok and type(doc) == 'table' and type(doc.deputy) == 'table' and doc.deputy.id
    if type(id) == 'string' and id ~= '' then
      redis.call('ZADD', P .. ':idx:deputy:' .. id, tonumber(h[2]) or 0, code)
      indexed = indexed + 1
    else
      unreadable = unreadable + 1
    end
  end
end
return {indexed, unreadable}
