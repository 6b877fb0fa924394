--! flags: no-writes
-- ARGV: prefix recipient limit. Returns {total, {entries newest first}}.
local ob = P .. ':outbox:{' .. ARGV[2] .. '}'
return {redis.call('LLEN', ob), redis.call('LRANGE', ob, 0, tonumber(ARGV[3]) - 1)}
