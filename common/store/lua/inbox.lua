--! flags: no-writes
-- ARGV: prefix recipient limit kind code unread('1'|'0').
-- Returns {total, unread, {entry, id}...}: the outbox's notices newest first that match the
-- filters (kind, code: '' = any; unread: only those not marked read), at most `limit`; total and
-- unread count the whole outbox. An entry written before notices had ids gets the id read uses.
local ob = P .. ':outbox:{' .. ARGV[2] .. '}'
local limit, kind, code, only_unread = tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6] == '1'
local all = redis.call('LRANGE', ob, 0, -1)
local out, unread = {}, 0
for _, raw in ipairs(all) do
  local ok, e = pcall(cmsgpack.unpack, raw)
  if not ok or type(e) ~= 'table' then e = {} end
  if not e.read then unread = unread + 1 end
  if #out < limit and (kind == '' or e.kind == kind) and (code == '' or e.code == code) and
      (not only_unread or not e.read) then
    out[#out + 1] = {raw, e.id or string.sub(redis.sha1hex(raw), 1, 12)}
  end
end
return {#all, unread, out}
