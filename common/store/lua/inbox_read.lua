-- ARGV: prefix recipient now actor id...
-- Marks the notices `id...` of the recipient's outbox read (the entry keeps its place; read =
-- true), each once: a notice about a suggestion gets a 'notice_read' entry on its timeline the
-- first time. Returns the number of the ids found (marked now or before).
local ob = P .. ':outbox:{' .. ARGV[2] .. '}'
local now, actor = tonumber(ARGV[3]), ARGV[4]
local wanted = {}
for i = 5, #ARGV do wanted[ARGV[i]] = true end
local all = redis.call('LRANGE', ob, 0, -1)
local found = 0
for i, raw in ipairs(all) do
  local id = nil
  local ok, e = pcall(cmsgpack.unpack, raw)
  if ok and type(e) == 'table' then id = e.id or string.sub(redis.sha1hex(raw), 1, 12) end
  if id and wanted[id] then
    found = found + 1
    wanted[id] = nil
    if not e.read then
      e.read, e.id = true, id
      redis.call('LSET', ob, i - 1, cmsgpack.pack(e))
      local st = e.code and e.code ~= '' and redis.call('HGET', skey(e.code), 'state')
      if st then
        audit(e.code, now, actor, 'notice_read', st, st, ARGV[2] .. ' read the ' ..
          tostring(e.kind) .. ' notice ' .. id)
      end
    end
  end
end
return found
