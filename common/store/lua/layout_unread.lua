-- ARGV: prefix recipient... Counts the unread notices of each recipient's outbox into
-- unread:{recipient} (layout 4), what send_notice and inbox_read keep up to date since. Sets the
-- count, so a second run changes nothing. Returns the number of outboxes counted.
local counted = 0
for i = 2, #ARGV do
  local r = ARGV[i]
  local unread = 0
  for _, raw in ipairs(redis.call('LRANGE', P .. ':outbox:{' .. r .. '}', 0, -1)) do
    local ok, e = pcall(cmsgpack.unpack, raw)
    if not (ok and type(e) == 'table' and e.read) then unread = unread + 1 end
  end
  redis.call('SET', P .. ':unread:{' .. r .. '}', unread)
  counted = counted + 1
end
return counted
