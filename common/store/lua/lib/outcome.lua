-- Applies one outcome to a suggestion (shared by "complete" and "update"). expect '-1' skips the
-- version check and does not raise the version (kAnyVersion). Returns {'applied', ver} |
-- {'superseded', ver} | {'invalid', from}. Needs ALLOWED and entered() (LifecycleLua). committee:
-- the supervising committee (分工督办) to set, '' to keep; P:idx:committee:<id> follows it.
local function apply_outcome(code, now, expect, to_state, units, deadline, lead, unit_list, action,
                             note, actor, effects, record, task_id, committee)
  local sk = skey(code)
  local cur = redis.call('HMGET', sk, 'state', 'ver', 'submitted', 'ahash', 'alen',
    unpack(RS_FIELDS_AND_RS))
  local any = expect == '-1'
  if not cur[1] or (not any and cur[2] ~= expect) then
    if cur[1] then
      audit(code, now, actor, 'outcome_superseded', cur[1], cur[1],
        'based on version ' .. expect .. ', now ' .. tostring(cur[2]), task_id)
    end
    return {'superseded', tonumber(cur[2] or '0')}
  end
  local from = cur[1]
  local to = from
  if to_state ~= '' then to = to_state end
  if to ~= from and not ALLOWED[from .. '>' .. to] then return {'invalid', from} end
  local ver = tonumber(cur[2])
  -- The changed fields, as strings, first: the entry records the record as they leave it, and its
  -- head goes in the one HSET with them.
  local fields = {}
  local function set(f, v) fields[#fields + 1] = f; fields[#fields + 1] = v end
  if not any then
    ver = ver + 1
    set('state', to)
    set('ver', string.format('%d', ver))
    if units ~= '' then set('units', units); set('lead', lead) end
    if deadline ~= '' then set('deadline', deadline) end
    if record ~= '' then set('rec', record); set('rh', redis.sha1hex(record)) end
    if to ~= from and to == 'ASSIGNED' then set('assigned', string.format('%d', now)) end
    if committee and committee ~= '' then set('committee', committee) end
  end
  local rs = cur[5 + #RS_FIELDS + 1]  -- as it stands: nothing to hash when nothing changes
  if #fields > 0 then
    local after = record_of(cur, 5)
    for j = 1, #fields, 2 do after[fields[j]] = fields[j + 1] end
    rs = record_digest(after)
    set('rs', rs)
  end
  local ahash, alen = audit_entry(code, now, actor, action, from, to, note, task_id, cur[4], cur[5],
    rs)
  set('ahash', ahash)
  set('alen', alen)
  redis.call('HSET', sk, unpack(fields))
  if to ~= from then
    redis.call('ZREM', P .. ':idx:state:' .. from, code)
    redis.call('ZADD', P .. ':idx:state:' .. to, cur[3], code)
  end
  for unit in string.gmatch(unit_list, '[^,]+') do
    redis.call('ZADD', P .. ':idx:unit:' .. unit, cur[3], code)
  end
  local was = cur[5 + 10]  -- its committee before (RS_FIELDS[10])
  if not any and committee and committee ~= '' and committee ~= was then
    if was then redis.call('ZREM', P .. ':idx:committee:' .. was, code) end
    redis.call('ZADD', P .. ':idx:committee:' .. committee, cur[3], code)
  end
  apply_effects(code, now, effects, actor)
  if to ~= from then entered(code, now, to, now) end
  return {'applied', ver}
end
