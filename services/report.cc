#include "services/report.h"

#include <algorithm>
#include <utility>

namespace duban::services {

using namespace duban::protocol;

std::string LeadUnitOf(const Suggestion& s) {
  for (const auto& u : s.units) {
    if (u.role == UnitRole::kLead && u.state != "REASSIGNED") return u.unit;
  }
  return "";
}

bool InScope(const Suggestion& s, const ReportScope& scope) {
  if (s.assigned_ms <= 0) return false;
  if (!scope.session.empty()) return s.draft.session == scope.session;
  return s.assigned_ms >= scope.from_ms && s.assigned_ms <= scope.to_ms;
}

ReportBuilder::ReportBuilder(ReportScope scope, std::vector<config::ResultClass> classes,
                             std::vector<config::SatisfactionLevel> levels)
    : scope_(std::move(scope)), classes_(std::move(classes)), levels_(std::move(levels)) {}

bool ReportBuilder::Add(const Suggestion& s) {
  if (!InScope(s, scope_)) return false;
  const std::string lead = LeadUnitOf(s);
  if (lead.empty()) return false;
  Count(overall_, s, lead, classes_, levels_);
  if (scope_.unit.empty() || scope_.unit == lead) Count(units_[lead], s, lead, classes_, levels_);
  if (!s.committee.empty()) Count(committees_[s.committee], s, lead, classes_, levels_);
  bool discussed = false;
  for (const auto& o : s.record.sessions) {
    if (o.date > today_) continue;  // scheduled, not held yet
    discussed = true;
    session_ids_.insert(o.session);
    if (o.outcome == "resolved") ++sessions_.resolved;
    if (o.outcome == "referred") ++sessions_.referred;
    for (const auto& c : o.commitments) {
      ++sessions_.commitments;
      if (c.state == "MET") ++sessions_.commitments_met;
    }
  }
  if (discussed) ++sessions_.discussed;
  return true;
}

void ReportBuilder::Count(Tally& t, const Suggestion& s, const std::string& lead,
                          const std::vector<config::ResultClass>& classes,
                          const std::vector<config::SatisfactionLevel>& levels) {
  const auto& rounds = s.record.rounds;
  ++t.assigned;
  const bool met =
      std::any_of(s.record.notes.begin(), s.record.notes.end(),
                  [&](const UnitNote& n) { return n.kind == "contact" && n.unit == lead; });
  if (met) ++t.met;
  if (rounds.empty()) return;
  ++t.replied;
  if (rounds.front().on_time) ++t.on_time;
  const ReplyRound& latest = rounds.back();
  ++t.by_class[latest.result_class];
  for (const auto& c : classes) {
    if (c.code == latest.result_class && c.solved) ++t.solved;
  }
  // The latest round the deputy evaluated: after 不满意 the new reply may still await its
  // evaluation, and until then the 不满意 stands.
  auto evaluated = std::find_if(rounds.rbegin(), rounds.rend(),
                                [](const ReplyRound& r) { return !r.satisfaction.empty(); });
  if (evaluated == rounds.rend()) return;
  ++t.evaluated;
  ++t.by_level[evaluated->satisfaction];
  for (const auto& l : levels) {
    // A level dropped from config since counts as not accepted: never guess satisfied.
    if (l.code == evaluated->satisfaction && l.accepted) ++t.accepted;
  }
}

namespace {

// The counts in config order, zeros included, then any code config no longer knows.
template <typename Def>
std::vector<ReportCount> Counts(const std::vector<Def>& defs,
                                const std::map<std::string, std::int64_t>& counts) {
  std::vector<ReportCount> out;
  for (const auto& d : defs) {
    auto it = counts.find(d.code);
    out.push_back({d.code, d.name, it == counts.end() ? 0 : it->second});
  }
  for (const auto& [code, n] : counts) {
    bool known =
        std::any_of(defs.begin(), defs.end(), [&](const Def& d) { return d.code == code; });
    if (!known) out.push_back({code, code.empty() ? "(none)" : code, n});
  }
  return out;
}

}  // namespace

ReportRow ReportBuilder::RowOf(const std::string& unit, const Tally& t) const {
  ReportRow row;
  row.unit = unit;
  row.assigned = t.assigned;
  row.replied = t.replied;
  row.on_time = t.on_time;
  row.met = t.met;
  row.evaluated = t.evaluated;
  row.accepted = t.accepted;
  row.solved = t.solved;
  row.by_class = Counts(classes_, t.by_class);
  row.by_satisfaction = Counts(levels_, t.by_level);
  return row;
}

ReportReply ReportBuilder::Build() const {
  ReportReply reply;
  reply.overall = RowOf("", overall_);
  reply.sessions = sessions_;
  reply.sessions.held = static_cast<std::int64_t>(session_ids_.size());
  for (const auto& [unit, t] : units_) reply.units.push_back(RowOf(unit, t));
  for (const auto& [committee, t] : committees_) {
    reply.committees.push_back(RowOf("", t));
    reply.committees.back().committee = committee;
  }
  // A unit asked for by name gets its row even with nothing in scope: zeros, not silence.
  if (!scope_.unit.empty() && units_.count(scope_.unit) == 0) {
    reply.units.push_back(RowOf(scope_.unit, Tally{}));
  }
  return reply;
}

}  // namespace duban::services
