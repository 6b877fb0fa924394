// AuditScripts: the read-only Lua scripts behind duban.verify and duban.check. scripts.cc loads
// them with the shared prelude (key builders), like every other script; docs/redis-schema.md
// lists their keys. Neither writes anything.
#pragma once

namespace duban::store {

// ARGV: prefix mode ('code' | 'all') code cursor limit.
// Returns {next_cursor (0 when done), total, {code, ahash, alen, {entries...}}...}; a code that
// does not exist raises DUBAN NOT_FOUND.
extern const char* const kAuditRead;

// ARGV: prefix cursor limit. Returns {next_cursor (0 when done), total, scanned,
// {code, state, last_entry, dead_service, dead_task, dead_reason}...}: the open suggestions of
// the page that no pending timer or task waits on.
extern const char* const kCheck;

}  // namespace duban::store
