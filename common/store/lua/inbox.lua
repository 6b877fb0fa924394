--! flags: no-writes
-- ARGV: prefix recipient limit kind code unread('1'|'0').
-- Returns {total, unread, {entry, id}...}: the outbox's notices newest first that match the
-- filters (kind, code: '' = any; unread: only those not marked read), at most `limit`; total and
-- unread count the whole outbox (unread from its count, layout 4). The outbox is read a page at
-- a time and only as far as `limit` matches need, so the header's count (limit 1, no filter)
-- reads one entry whatever the outbox holds. An entry written before notices had ids gets the
-- id read uses.
local ob = P .. ':outbox:{' .. ARGV[2] .. '}'
local limit, kind, code, only_unread = tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6] == '1'
local total = redis.call('LLEN', ob)
local unread = tonumber(redis.call('GET', P .. ':unread:{' .. ARGV[2] .. '}')) or 0
if unread < 0 then unread = 0 end
-- Unfiltered, exactly the `limit` newest are read (the header's count reads one entry).
local PAGE = (kind == '' and code == '' and not only_unread) and math.max(1, math.min(limit, 256)) or 256
local out = {}
local start = 0
while #out < limit and start < total do
  local page = redis.call('LRANGE', ob, start, start + PAGE - 1)
  if #page == 0 then break end
  for _, raw in ipairs(page) do
    local ok, e = pcall(cmsgpack.unpack, raw)
    if not ok or type(e) ~= 'table' then e = {} end
    if #out < limit and (kind == '' or e.kind == kind) and (code == '' or e.code == code) and
        (not only_unread or not e.read) then
      out[#out + 1] = {raw, e.id or string.sub(redis.sha1hex(raw), 1, 12)}
    end
  end
  start = start + PAGE
end
return {total, unread, out}
