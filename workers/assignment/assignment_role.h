// AssignmentRole: the worker role behind the "assignment" service. For a task of kind "assign" it
// routes a newly submitted suggestion to its handling units (交办) by the routing rules, and sets
// the reply deadline; when no rule matches, it leaves the suggestion IN_REVIEW for staff to assign
// by hand (never a guess: a wrong unit costs weeks of return and re-assignment).
//
// It only decides. The broker applies the Outcome atomically and only if the suggestion is still
// at the version the role saw, so a staff assignment made meanwhile wins and this one is dropped.
//
// Thread rules: lives on its worker's thread (see role.h). Holds a reference to the Clock, which
// must outlive it (the runtime owns both).
#pragma once

#include <memory>
#include <string_view>

#include "common/clock.h"
#include "common/notice_text.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "config/config.h"
#include "workers/assignment/routing.h"
#include "workers/runtime/role.h"

namespace duban::workers::assignment {

inline constexpr std::string_view kServiceName = "assignment";
inline constexpr std::string_view kAssignKind = "assign";

class AssignmentRole final : public Role {
 public:
  // The role for the units, rules and jurisdiction of `c`. InvalidArgument when the rules are
  // inconsistent (see RoutingTable::Create).
  static Result<std::unique_ptr<AssignmentRole>> Create(const config::Config& c,
                                                        const Clock& clock);

  // On success, either
  //   - a rule matched: to_state ASSIGNED, the lead unit (role lead) and co units (role co), all
  //     ISSUED, the reply deadline (common/deadline_policy.h) counted from the clock's now, which
  //     the runtime sets to the task's dispatch time, action "assigned", note
  //     "rule <name>: lead <unit name>"; or
  //   - no rule matched: to_state IN_REVIEW, no units, no deadline, action "awaiting_staff".
  // expect_version is always the suggestion's version. InvalidArgument when the kind is not
  // "assign" or the task has no suggestion; FailedPrecondition when the suggestion is neither
  // SUBMITTED nor IN_REVIEW (it was assigned, withdrawn... meanwhile).
  Result<protocol::Outcome> Handle(const protocol::TaskMessage& task) override;

 private:
  AssignmentRole(RoutingTable table, std::vector<config::Committee> committees,
                 config::Jurisdiction jurisdiction, NoticeTexts texts, const Clock& clock)
      : table_(std::move(table)),
        committees_(std::move(committees)),
        jurisdiction_(std::move(jurisdiction)),
        texts_(std::move(texts)),
        clock_(clock) {}

  RoutingTable table_;
  std::vector<config::Committee> committees_;  // who supervises which field (分工督办)
  config::Jurisdiction jurisdiction_;
  NoticeTexts texts_;  // the wording of its notices (config notices)
  const Clock& clock_;
};

}  // namespace duban::workers::assignment
