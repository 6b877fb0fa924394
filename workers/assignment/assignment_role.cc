#include "workers/assignment/assignment_role.h"

#include <string>

#include "common/deadline_policy.h"
#include "common/log.h"
#include "common/protocol/staff_decision.h"

namespace duban::workers::assignment {

Result<std::unique_ptr<AssignmentRole>> AssignmentRole::Create(const config::Config& c,
                                                               const Clock& clock) {
  DUBAN_ASSIGN_OR_RETURN(RoutingTable table, RoutingTable::Create(c.units, c.rules));
  return std::unique_ptr<AssignmentRole>(
      new AssignmentRole(std::move(table), c.committees, c.jurisdiction, config::NoticeTextsOf(c),
                         clock));
}

Result<protocol::Outcome> AssignmentRole::Handle(const protocol::TaskMessage& task) {
  if (task.kind != kAssignKind) {
    return InvalidArgument("assignment: task " + task.task_id + " has kind '" + task.kind +
                           "', expected '" + std::string(kAssignKind) + "'");
  }
  if (!task.suggestion) {
    return InvalidArgument("assignment: task " + task.task_id + " carries no suggestion");
  }
  const protocol::Suggestion& s = *task.suggestion;
  if (s.state != protocol::SuggestionState::kSubmitted &&
      s.state != protocol::SuggestionState::kInReview) {
    // Staff assigned it by hand (or it moved on) while this task waited: nothing to do, but say so
    // on the timeline rather than failing the task into the dead letters.
    protocol::Outcome skip;
    skip.expect_version = protocol::kAnyVersion;  // no change: must not raise the version
    skip.action = "assignment_skipped";
    skip.note = "already " + std::string(protocol::StateName(s.state)) + "; nothing to assign";
    return skip;
  }

  protocol::Outcome out;
  out.expect_version = s.version;
  std::optional<RouteMatch> match = table_.Match(s.draft);
  if (!match) {
    out.to_state = std::string(protocol::StateName(protocol::SuggestionState::kInReview));
    out.action = "awaiting_staff";
    out.note = "no routing rule matched; waits for staff assignment";
    // Staff hear of it now, and again when it has waited staff_decision_days (reminder role).
    out.notices.push_back({"staff", "decision_needed",
                           texts_("review_needed", {{"code", s.code}, {"title", s.draft.title}}),
                           "review"});
    out.timers.push_back(protocol::DecisionTimerFor({"review", "", clock_.NowMs()}, clock_.NowMs(),
                                                    jurisdiction_.staff_decision_days));
    Logger("worker.assignment")->debug("{}: no rule matched; left for staff", s.code);
    return out;
  }

  const config::Unit* lead = table_.FindUnit(match->lead);
  // RoutingTable::Create checked every unit a rule names.
  if (lead == nullptr) return Internal("assignment: rule '" + match->rule + "' lost its lead unit");
  out.to_state = std::string(protocol::StateName(protocol::SuggestionState::kAssigned));
  out.units.push_back({match->lead, protocol::UnitRole::kLead, "ISSUED"});
  for (const std::string& co : match->co) {
    out.units.push_back({co, protocol::UnitRole::kCo, "ISSUED"});
  }
  // The same policy as a staff assignment (services/api_handlers.cc), so both deadlines read alike.
  out.deadline =
      ReplyDeadline(clock_.NowMs(), jurisdiction_.reply_months, jurisdiction_.utc_offset_minutes);
  out.action = "assigned";
  out.note = "rule " + match->rule + ": lead " + lead->name;
  // The committee that supervises its field (分工督办), on the same timeline entry; one staff set
  // already (duban.committee) stays.
  if (!s.committee.empty()) {
    out.note += "; 分工督办 " + s.committee + " (set by staff)";
  } else if (config::CommitteeChoice c = config::CommitteeFor(committees_, s.draft); c.committee) {
    out.committee = c.committee->id;
    out.note += "; 分工督办 " + c.committee->name + " (" + c.why + ")";
  }
  Logger("worker.assignment")
      ->debug("{}: rule '{}' ({} '{}') -> lead {}, {} co, reply by {}", s.code, match->rule,
              MatchedByName(match->by), match->matched, match->lead, match->co.size(),
              out.deadline->date);
  return out;
}

// Links the role into duban-worker --role assignment (the library is linked whole, see
// workers/CMakeLists.txt).
static const RoleRegistration kRegistration(
    std::string(kServiceName),
    [](const config::Config& c, const Clock& clock) -> Result<std::unique_ptr<Role>> {
      DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<AssignmentRole> role,
                             AssignmentRole::Create(c, clock));
      return std::unique_ptr<Role>(std::move(role));
    });

}  // namespace duban::workers::assignment
