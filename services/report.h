// Report: the handling-performance figures of duban.report (办复率, on-time rate, 见面率, 满意率,
// 办成率) per lead unit (主办) and overall, computed from suggestions as stored. docs/reports.md
// defines every figure; this file is the definition in code, so keep the two in step.
//
// A ReportBuilder takes suggestions one at a time (the broker reads the store a page at a time and
// never holds them all) and keeps only counters. Each suggestion in scope counts once, for its
// current lead unit and overall, and for its supervising committee (分工督办) when it has one;
// co-handlers (协办) never get a row for it. Figures that depend on
// a reply round use the LATEST round (a re-handled suggestion is judged on its new reply), except
// the on-time figure, which is about the FIRST reply (a late first reply stays late).
//
// Thread rules: value types and pure functions; a builder is used on one thread.
// Invariants: every row keeps assigned >= replied >= {on_time, evaluated, solved},
// evaluated >= accepted, assigned >= met; the overall row is the sum of the unit rows when no unit
// filter is set; by_class sums to replied and by_satisfaction to evaluated.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/protocol/messages.h"
#include "config/config.h"

namespace duban::services {

// Which suggestions a report covers. Exactly one kind: a session, or a range of assignment
// instants (the broker turns local dates into the first and last millisecond of those days).
struct ReportScope {
  std::string session;  // non-empty: suggestions whose draft names this session
  Millis from_ms = 0;   // session empty: assigned_ms within [from_ms, to_ms]
  Millis to_ms = 0;
  std::string unit;  // non-empty: only this unit's row (the overall row still covers all)
};

// The unit leading `s` now: the lead entry not REASSIGNED (after an approved return the new lead);
// "" when there is none (an unassigned suggestion).
std::string LeadUnitOf(const protocol::Suggestion& s);

// True when `s` was assigned (assigned_ms > 0) and falls in `scope`.
bool InScope(const protocol::Suggestion& s, const ReportScope& scope);

class ReportBuilder {
 public:
  // `classes` and `levels` are the jurisdiction's (Config::result_classes, satisfaction_levels):
  // they give which class is solved, which level accepted, and the order and names of the counts.
  ReportBuilder(ReportScope scope, std::vector<config::ResultClass> classes,
                std::vector<config::SatisfactionLevel> levels);

  // Sessions dated after `date` (YYYY-MM-DD, the report's day) are not counted: scheduled, not held.
  void SetToday(std::string date) { today_ = std::move(date); }

  // Counts `s` when it is in scope and has a lead unit; returns whether it was counted.
  bool Add(const protocol::Suggestion& s);

  // The figures so far: units ordered by id; the scope echoed is left to the caller.
  protocol::ReportReply Build() const;

 private:
  struct Tally {
    std::int64_t assigned = 0, replied = 0, on_time = 0, met = 0, evaluated = 0, accepted = 0,
                 solved = 0;
    std::map<std::string, std::int64_t> by_class;  // code -> count
    std::map<std::string, std::int64_t> by_level;  // code -> count
  };
  static void Count(Tally& t, const protocol::Suggestion& s, const std::string& lead,
                    const std::vector<config::ResultClass>& classes,
                    const std::vector<config::SatisfactionLevel>& levels);
  protocol::ReportRow RowOf(const std::string& unit, const Tally& t) const;

  ReportScope scope_;
  std::vector<config::ResultClass> classes_;
  std::vector<config::SatisfactionLevel> levels_;
  Tally overall_;
  std::map<std::string, Tally> units_;  // lead unit id -> tally
  std::map<std::string, Tally> committees_;  // supervising committee id -> tally (分工督办)
  protocol::ReportSessions sessions_;         // 代表·局长面对面 outcomes
  std::set<std::string> session_ids_;         // the sessions counted in sessions_.held
  std::string today_ = "9999-12-31";
};

}  // namespace duban::services
