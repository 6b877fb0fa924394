-- ARGV: prefix recipient now actor id...
-- Marks the notices `id...` of the recipient's outbox read (the entry keeps its place; read =
-- true), each once: a notice about a suggestion gets a 'notice_read' entry on its timeline the
-- first time. Returns the number of the ids found (marked now or before).
local ob = P .. ':outbox:{' .. ARGV[2] .. '}'
local now, actor = tonumber(ARGV[3]), ARGV[4]
local wanted, remaining = {}, 0
for i = 5, #ARGV do
  if not wanted[ARGV[i]] then wanted[ARGV[i]], remaining = true, remaining + 1 end
end
local found = 0
local PAGE = 256
local start = 0
-- A page at a time, newest first, and no further than the last id wanted.
while remaining > 0 do
  local page = redis.call('LRANGE', ob, start, start + PAGE - 1)
  if #page == 0 then break end
  for i, raw in ipairs(page) do
    local id = nil
    local ok, e = pcall(cmsgpack.unpack, raw)
    if ok and type(e) == 'table' then id = e.id or string.sub(redis.sha1hex(raw), 1, 12) end
    if id and wanted[id] then
      found = found + 1
      remaining = remaining - 1
      wanted[id] = nil
      if not e.read then
        e.read, e.id = true, id
        redis.call('LSET', ob, start + i - 1, cmsgpack.pack(e))
        redis.call('DECR', P .. ':unread:{' .. ARGV[2] .. '}')
        local st = e.code and e.code ~= '' and redis.call('HGET', skey(e.code), 'state')
        if st then
          audit(e.code, now, actor, 'notice_read', st, st, ARGV[2] .. ' read the ' ..
            tostring(e.kind) .. ' notice ' .. id)
        end
      end
    end
  end
  start = start + PAGE
end
return found
