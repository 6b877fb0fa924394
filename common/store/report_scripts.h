// ReportScripts: the read-only Lua script behind duban.report. scripts.cc loads it with the shared
// prelude (key builders), like every other script; docs/redis-schema.md lists its keys. It writes
// nothing.
#pragma once

namespace duban::store {

// ARGV: prefix cursor limit from_ms to_ms. Reads `limit` suggestions from rank `cursor` of
// P:idx:all (submission order) and returns {next_cursor (0 when done), total, scanned,
// {code, doc, state, ver, submitted, units, deadline, assigned, rec}...} for those of them that
// were assigned (field `assigned` set) — when from_ms and to_ms are not '', only those assigned in
// [from_ms, to_ms] (domain ms, both ends included).
extern const char* const kReportRead;

}  // namespace duban::store
