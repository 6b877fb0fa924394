// Overdue: which suggestions are past their reply deadline, grouped by lead unit (主办单位), for
// the dashboard's "overdue by unit" chart. Input is what duban.list returns for the states in which
// a unit still owes the reply (ASSIGNED, IN_HANDLING); a suggestion is overdue when its deadline
// date (the last day to reply, YYYY-MM-DD local) is before today's local date.
//
// The input is capped by duban.list's limit (1000 per state): `capped` says the broker had more
// rows than it returned, so the figures are a lower bound.
//
// Thread rules: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/protocol/messages.h"

namespace duban::monitor {

// States in which the reply is still owed: only these can be overdue.
inline constexpr std::string_view kOwedStates[] = {"ASSIGNED", "IN_HANDLING"};
// Codes listed per unit (the count is exact; the list is a sample for people).
inline constexpr std::size_t kMaxCodesPerUnit = 20;

struct OverdueUnit {
  std::string unit;  // lead unit id; "" when the suggestion names none
  std::int64_t count = 0;
  std::string oldest_deadline;     // the earliest deadline among them
  std::vector<std::string> codes;  // earliest deadline first, at most kMaxCodesPerUnit
};

struct OverdueReport {
  std::string today;  // YYYY-MM-DD, the local date compared against
  std::int64_t total = 0;
  bool capped = false;             // the list limit cut the input: the figures are a lower bound
  std::vector<OverdueUnit> units;  // most overdue first, then by unit id
};

// True when `s` is in an owed state and has a deadline date before `today` (both YYYY-MM-DD, so
// text order is date order).
bool IsOverdue(const protocol::SuggestionSummary& s, std::string_view today);

// Groups the overdue ones of `items` by lead unit. A code listed twice (it cannot be in two states
// at once, but two list calls may race with a state change) is counted once.
OverdueReport GroupOverdue(const std::vector<protocol::SuggestionSummary>& items,
                           std::string_view today, bool capped);

}  // namespace duban::monitor
