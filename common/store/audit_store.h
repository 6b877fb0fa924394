// AuditStore: the read-only store calls behind duban.verify and duban.check (scripts in
// audit_scripts.h). Kept apart from TaskStore, which carries the task and suggestion writes; it
// shares TaskStore's RedisClient and key prefix.
//
// Thread rules: as TaskStore (the broker loop). Every call is one EVALSHA and returns Unavailable
// when Redis cannot be reached.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/audit_chain.h"
#include "common/store/task_store.h"

namespace duban::store {

struct StoredTrail {
  std::string code;
  AuditHead head;
  std::vector<std::string> entries;  // raw stored bytes, oldest first
  AuditRecord record;                // the fields the entries' `rs` covers, and the text
};
// A suggestion's audit head only: what a checkpoint signs (common/checkpoint.h).
struct StoredHead {
  std::string code;
  AuditHead head;
};
struct HeadPage {
  std::vector<StoredHead> heads;
  std::int64_t next_cursor = 0;  // 0 when the scan is complete
  std::int64_t total = 0;
};
struct TrailPage {
  std::vector<StoredTrail> trails;
  std::int64_t next_cursor = 0;  // 0 when the scan is complete
  std::int64_t total = 0;        // suggestions in the store
};

struct StuckRow {
  std::string code, state;
  std::string last_entry;  // the raw last audit entry, "" when none
  std::string dead_service, dead_task, dead_reason;  // a dead letter of its code, if any
};
struct StuckPage {
  std::vector<StuckRow> rows;
  std::int64_t next_cursor = 0;
  std::int64_t total = 0;
  std::int64_t scanned = 0;
};

class AuditStore {
 public:
  explicit AuditStore(TaskStore& store) : store_(store) {}

  // One suggestion's trail and head. NotFound when it does not exist.
  Result<StoredTrail> Trail(const std::string& code);
  // The trails of up to `limit` suggestions from `cursor` (rank in submission order).
  Result<TrailPage> Trails(std::int64_t cursor, std::int64_t limit);
  // The heads of up to `limit` suggestions from `cursor` (rank in submission order).
  Result<HeadPage> Heads(std::int64_t cursor, std::int64_t limit);
  // The hex SHA-1 of entry `index` of each code's trail ("" when it has none), in order.
  Result<std::vector<std::string>> Links(
      const std::vector<std::pair<std::string, std::int64_t>>& at);
  // The checkpoint lines Redis holds, oldest first.
  Result<std::vector<std::string>> Checkpoints();
  // Appends a signed checkpoint line (common/checkpoint.h) to P:cp (the last 100 kept); true
  // when the list ended with `expected_last` before ("" for none), false when not.
  Result<bool> AppendCheckpoint(const std::string& line, const std::string& expected_last);
  // The open suggestions among `limit` from `cursor` that no pending timer or task waits on.
  Result<StuckPage> Stuck(std::int64_t cursor, std::int64_t limit);

 private:
  Result<TrailPage> Read(const std::string& mode, const std::string& code, std::int64_t cursor,
                         std::int64_t limit);

  TaskStore& store_;
};

}  // namespace duban::store
