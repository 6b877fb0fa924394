// ReportStore: the read-only store call behind duban.report (script in report_scripts.h). Kept
// apart from TaskStore, which carries the task and suggestion writes; it shares TaskStore's
// RedisClient and key prefix, as AuditStore does.
//
// Thread rules: as TaskStore (the broker loop). Every call is one EVALSHA and returns Unavailable
// when Redis cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/store/stored_suggestion.h"
#include "common/store/task_store.h"

namespace duban::store {

// One assigned suggestion as stored (DecodeSuggestion makes the message).
struct ReportRow : SuggestionFields {
  std::string code;
};
struct ReportPage {
  std::vector<ReportRow> rows;  // the assigned suggestions of the page (in range, if one was given)
  std::int64_t next_cursor = 0;  // 0 when the scan is complete
  std::int64_t total = 0;        // suggestions in the store
  std::int64_t scanned = 0;      // suggestions looked at in this page
};

class ReportStore {
 public:
  explicit ReportStore(TaskStore& store) : store_(store) {}

  // Up to `limit` suggestions from `cursor` (rank in submission order); of them, the assigned
  // ones, and with `assigned_range` {first ms, last ms} only those assigned within it.
  Result<ReportPage> Page(std::int64_t cursor, std::int64_t limit,
                          std::optional<std::pair<Millis, Millis>> assigned_range);

 private:
  TaskStore& store_;
};

}  // namespace duban::store
