-- ARGV: prefix service paused(1|0). Staff pause or resume dispatching; returns the paused set.
if ARGV[3] == '1' then
  -- Only a service that exists: one the store knows, or one a worker or the config names now
  -- (ARGV[4] '1'), within the cap on service names (ARGV[5]).
  if redis.call('SISMEMBER', SERVICES, ARGV[2]) == 0 then
    if ARGV[4] ~= '1' then
      return fail('NOT_FOUND', 'no service ' .. ARGV[2] .. ': no worker has served it')
    end
    if redis.call('SCARD', SERVICES) >= tonumber(ARGV[5]) then
      return fail('RESOURCE_EXHAUSTED', 'too many services (broker.max_services = ' .. ARGV[5] .. ')')
    end
  end
  redis.call('SADD', P .. ':paused', ARGV[2])
  redis.call('SADD', SERVICES, ARGV[2])
else
  redis.call('SREM', P .. ':paused', ARGV[2])
end
return redis.call('SMEMBERS', P .. ':paused')
