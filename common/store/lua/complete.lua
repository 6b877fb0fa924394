-- ARGV: prefix now n {svc id fence expect_ver to_state units deadline lead unit_list action note
-- actor effects committee}*n   (unit_list: unit ids joined by ','; effects:
-- EncodeOutcomeEffects — timers to set, timers to cancel, notices; committee: '' keeps it)
-- Applies role outcomes whose task lease is still held (see apply_outcome) to the suggestion the
-- stored task names: the task hash is the only authority on the code and the kind, whatever the
-- worker's reply says. Returns per item {'applied', ver} | {'stale'} | {'superseded', ver} |
-- {'invalid', from} | {'mismatch'} (an opaque task, or one without a suggestion: nothing is
-- applied and the lease is kept); an invalid outcome keeps its lease so the broker can
-- dead-letter the task with the reason. A delivery task of a request from the people (its code
-- names a request, not a suggestion) that was sent goes into the request's history instead.
local now, n = tonumber(ARGV[2]), tonumber(ARGV[3])
local out = {}
local i = 4
for k = 1, n do
  local svc, id, fence = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local f = redis.call('HMGET', tkey(svc, id), 'st', 'fence', 'kind', 'code')
  if f[1] ~= 'leased' or f[2] ~= fence then
    out[k] = {'stale'}
  elseif f[3] == 'mdp' or not f[4] or f[4] == '' then
    out[k] = {'mismatch'}
  elseif svc == 'delivery' and ARGV[i + 9] == 'notice_delivered' and
      redis.call('EXISTS', skey(f[4])) == 0 and redis.call('EXISTS', request_key(f[4])) == 1 then
    -- The notice of a request from the people (社情民意) sent: said in the request's history.
    request_event(f[4], now, ARGV[i + 11], 'notice_delivered', ARGV[i + 10])
    finish(svc, id)
    out[k] = {'applied', 0}
  else
    local r = apply_outcome(f[4], now, ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[i + 6],
      ARGV[i + 7], ARGV[i + 8], ARGV[i + 9], ARGV[i + 10], ARGV[i + 11], ARGV[i + 12], '', id,
      ARGV[i + 13])
    if r[1] ~= 'invalid' then finish(svc, id) end
    out[k] = r
  end
  i = i + 14
end
return out
