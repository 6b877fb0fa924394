-- ARGV: prefix now code expect_ver to_state units deadline lead unit_list action note actor
-- effects record committee ('' keeps the stored handling record, the committee)
-- A staff or unit action (duban.sign, duban.decide, ...) decided by the broker on a snapshot:
-- applied only if the suggestion is still at expect_ver. Returns as apply_outcome.
return apply_outcome(ARGV[3], tonumber(ARGV[2]), ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8],
  ARGV[9], ARGV[10], ARGV[11], ARGV[12], ARGV[13], ARGV[14], '', ARGV[15])
