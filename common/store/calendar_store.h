// CalendarStore: the store calls behind duban.calendar (scripts in calendar_scripts.h): how many
// pending working-day timers read or assumed each calendar year, one page of the timers a year
// may move, the moves, and the mark that a year was re-planned. It shares TaskStore's
// RedisClient and key prefix.
//
// Thread rules: as TaskStore (the broker loop). Every call is one EVALSHA and returns Unavailable
// when Redis cannot be reached; each call is atomic, so a re-plan interrupted between pages
// leaves every timer either moved (with its audit entry) or not, and running it again finishes it.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/store/task_store.h"

namespace duban::store {

struct CalendarYearIndex {
  std::int64_t year = 0;
  std::int64_t suggestions = 0;  // with a planned timer that read the year (upper bound)
  std::int64_t assumed = 0;      // pending planned timers that judged it Monday to Friday (exact)
  std::string fingerprint;       // of the calendar year at its last re-plan; "" never; "-" missing
};

// A pending planned timer of a scanned suggestion.
struct PlannedTimerRow {
  std::string code, name;
  std::string member;  // CODE|NAME
  std::string plan;    // stored form (common/timer_plan.h)
  std::string due;     // the ZSET score as Redis wrote it
  std::vector<std::int64_t> assumed;
};
struct PlannedTimerPage {
  std::string next_cursor;         // "0" when the year's index was scanned to its end
  std::vector<std::string> codes;  // the suggestions of this page
  std::vector<PlannedTimerRow> rows;  // every pending planned timer of those suggestions
};

struct TimerMove {
  std::string member, plan, old_due;  // as scanned: the move applies only if still so
  Millis new_due = 0;
  std::vector<std::int64_t> years, assumed;  // what the broker's calendar reads now
  std::string note;  // the timeline entry, when the due time changes
};
enum class MoveResult { kMoved, kReindexed, kChanged };
struct MoveOutcome {
  std::vector<MoveResult> results;  // per move
  std::int64_t dropped = 0;         // codes dropped from the year's index
};

class CalendarStore {
 public:
  explicit CalendarStore(TaskStore& store) : store_(store) {}

  Result<std::vector<CalendarYearIndex>> Years();
  // Up to about `count` members of the year's touch index from `cursor` ("0" starts).
  Result<PlannedTimerPage> Scan(std::int64_t year, const std::string& cursor, std::int64_t count);
  // Applies the moves of one page (per move what happened; `actor` signs the audit entries), then
  // drops from the year's index each of `drop` that has no pending planned timer able to read it.
  Result<MoveOutcome> Move(Millis now, std::int64_t year, const std::string& actor,
                           const std::vector<TimerMove>& moves,
                           const std::vector<std::string>& drop);
  // Records each (year, fingerprint): always (a finished re-plan), or with only_new just for
  // years without a mark.
  Status Mark(const std::vector<std::pair<std::int64_t, std::string>>& marks, bool only_new);

 private:
  TaskStore& store_;
};

}  // namespace duban::store
