--! flags: no-writes
-- ARGV: prefix {code index}*n. For each, the hex SHA-1 of entry `index` (from 0) of the code's
-- audit trail, '' when there is none: the checkpointer checks that a trail that grew still
-- holds the entry it signed last (broker/checkpointer.h).
local out = {}
for i = 2, #ARGV, 2 do
  local e = redis.call('LINDEX', akey(ARGV[i]), tonumber(ARGV[i + 1]))
  out[#out + 1] = e and redis.sha1hex(e) or ''
end
return out
