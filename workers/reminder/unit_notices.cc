#include "workers/reminder/unit_notices.h"
#include "workers/runtime/outcome_builders.h"

#include <chrono>
#include <cstdint>

namespace duban::workers::reminder {
namespace {

constexpr std::string_view kStaff = "staff";

protocol::Notice NoticeTo(const std::string& recipient, std::string kind, std::string text,
                          const UnitTimerPayload& p) {
  return {recipient, std::move(kind), std::move(text), p.timer + ":" + p.date + "@" + recipient};
}

bool StillIssued(const protocol::UnitAssignment& u) { return u.state == "ISSUED"; }

bool OwesOpinion(const protocol::UnitAssignment& u) {
  return u.role == protocol::UnitRole::kCo && !UnitPartDone(u.state);
}

UnitNotices SignRemind(const protocol::Suggestion& s, const UnitTimerPayload& p, Date /*today*/) {
  const std::string days = std::to_string(p.days);
  return {{NoticeTo("unit:" + p.unit, "reminder",
                    "【签收提醒】" + Head(s) + "已交办 " + days + " 个工作日，请及时签收。", p)},
          "assigned " + p.date + ", " + days + " working days"};
}

UnitNotices SignOverdue(const protocol::Suggestion& s, const UnitTimerPayload& p, Date /*today*/) {
  const std::string days = std::to_string(p.days);
  return {{NoticeTo(std::string(kStaff), "escalation",
                    "【逾期未签收】" + Head(s) + "承办单位 " + p.unit + " 交办 " + days +
                        " 个工作日仍未签收。",
                    p)},
          "assigned " + p.date + ", " + days + " working days"};
}

UnitNotices OpinionRemind(const protocol::Suggestion& s, const UnitTimerPayload& p, Date today) {
  // The date was checked by DecodeUnitTimerPayload.
  const Date deadline = *ParseDate(p.date);
  const std::int64_t left =
      (std::chrono::sys_days{deadline} - std::chrono::sys_days{today}).count();
  const std::string text = left == 0 ? "【协办意见提醒】" + Head(s) + "今天（" + p.date +
                                           "）为协办意见期限，请及时向主办单位提出协办意见。"
                                     : "【协办意见提醒】" + Head(s) + "距协办意见期限 " + p.date +
                                           " 还有 " + std::to_string(left) +
                                           " 天，请及时向主办单位提出协办意见。";
  return {{NoticeTo("unit:" + p.unit, "reminder", text, p)},
          "opinion due " + p.date + ", " + std::to_string(left) + " days left"};
}

UnitNotices OpinionOverdue(const protocol::Suggestion& s, const UnitTimerPayload& p,
                           Date /*today*/) {
  const std::string text = "【协办意见逾期】" + Head(s) + "协办单位 " + p.unit +
                           " 的协办意见期限 " + p.date + " 已过，尚未向主办单位提出协办意见。";
  UnitNotices out;
  out.detail = "opinion due " + p.date;
  // The lead unit that waits for the opinion (none left only if every lead was re-assigned away
  // without a successor; the staff still hear of it).
  for (const protocol::UnitAssignment& u : s.units) {
    if (u.role == protocol::UnitRole::kLead && u.state != "REASSIGNED") {
      out.notices.push_back(NoticeTo("unit:" + u.unit, "escalation", text, p));
    }
  }
  out.notices.push_back(NoticeTo(std::string(kStaff), "escalation", text, p));
  return out;
}

}  // namespace

const std::vector<UnitStep>& UnitSteps() {
  static const std::vector<UnitStep> kSteps = {
      {kSignRemindKind, "sign_reminded", &StillIssued, false, false, &SignRemind},
      {kSignOverdueKind, "sign_overdue_escalated", &StillIssued, false, false, &SignOverdue},
      {kOpinionRemindKind, "opinion_reminded", &OwesOpinion, true, true, &OpinionRemind},
      {kOpinionOverdueKind, "opinion_overdue_escalated", &OwesOpinion, true, false,
       &OpinionOverdue},
  };
  return kSteps;
}

const UnitStep* FindUnitStep(std::string_view kind) {
  for (const UnitStep& step : UnitSteps()) {
    if (step.kind == kind) return &step;
  }
  return nullptr;
}

}  // namespace duban::workers::reminder
