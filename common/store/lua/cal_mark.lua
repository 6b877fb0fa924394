-- ARGV: prefix mode ('set' | 'nx') n {year fingerprint}*n. 'set' records that every timer of each
-- year was re-planned against the calendar year with that fingerprint; 'nx' records a year only
-- when it has no mark yet (the broker's calendar at start: the edition its timers are planned
-- with). Returns how many marks were written.
local op = ARGV[2] == 'nx' and 'HSETNX' or 'HSET'
local n, written = tonumber(ARGV[3]), 0
for k = 1, n do
  written = written + redis.call(op, P .. ':cal:fp', ARGV[2 + 2 * k], ARGV[3 + 2 * k])
end
return written
