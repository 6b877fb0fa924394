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

// The sign notice `name` for the unit of `p`.
std::string SignText(const NoticeTexts& texts, std::string_view name,
                     const protocol::Suggestion& s, const UnitTimerPayload& p) {
  return texts(name, {{"code", s.code},
                      {"title", s.draft.title},
                      {"unit", p.unit},
                      {"days", std::to_string(p.days)}});
}

UnitNotices SignRemind(const protocol::Suggestion& s, const UnitTimerPayload& p, Date /*today*/,
                       const NoticeTexts& texts) {
  return {{NoticeTo("unit:" + p.unit, "reminder", SignText(texts, "sign_reminder", s, p), p)},
          "assigned " + p.date + ", " + std::to_string(p.days) + " working days"};
}

UnitNotices SignOverdue(const protocol::Suggestion& s, const UnitTimerPayload& p, Date /*today*/,
                        const NoticeTexts& texts) {
  return {{NoticeTo(std::string(kStaff), "escalation", SignText(texts, "sign_overdue", s, p), p)},
          "assigned " + p.date + ", " + std::to_string(p.days) + " working days"};
}

UnitNotices OpinionRemind(const protocol::Suggestion& s, const UnitTimerPayload& p, Date today,
                          const NoticeTexts& texts) {
  // The date was checked by DecodeUnitTimerPayload.
  const Date deadline = *ParseDate(p.date);
  const std::int64_t left =
      (std::chrono::sys_days{deadline} - std::chrono::sys_days{today}).count();
  const std::string text =
      left == 0 ? texts("opinion_reminder_today",
                        {{"code", s.code}, {"title", s.draft.title}, {"unit", p.unit},
                         {"date", p.date}})
                : texts("opinion_reminder", {{"code", s.code},
                                             {"title", s.draft.title},
                                             {"unit", p.unit},
                                             {"date", p.date},
                                             {"days_left", std::to_string(left)}});
  return {{NoticeTo("unit:" + p.unit, "reminder", text, p)},
          "opinion due " + p.date + ", " + std::to_string(left) + " days left"};
}

UnitNotices OpinionOverdue(const protocol::Suggestion& s, const UnitTimerPayload& p,
                           Date /*today*/, const NoticeTexts& texts) {
  const std::string text = texts(
      "opinion_overdue",
      {{"code", s.code}, {"title", s.draft.title}, {"unit", p.unit}, {"date", p.date}});
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
