--! flags: no-writes
-- ARGV: prefix n {svc id fence}*n. What a REPLY from a worker this broker does not know answers:
-- per item the stored task's {kind, code, rid} when (svc, id) is leased under that fence, else {}.
return each_ref(3, tonumber(ARGV[2]), function(svc, id, fence)
  local f = redis.call('HMGET', tkey(svc, id), 'st', 'fence', 'kind', 'code', 'rid')
  if f[1] == 'leased' and f[2] == fence then return {f[3] or '', f[4] or '', f[5] or ''} end
  return {}
end)
