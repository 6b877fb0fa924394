#include "workers/survey/survey_role.h"
#include "workers/runtime/outcome_builders.h"

#include <algorithm>
#include <set>
#include <utility>

#include "common/calendar.h"
#include "common/log.h"
#include "common/protocol/timer_names.h"
#include "common/protocol/wire.h"
#include "common/utf8.h"
#include "workers/runtime/task_checks.h"

namespace duban::workers::survey {
namespace {

using protocol::SuggestionState;

std::string R(std::int64_t round) { return "r" + std::to_string(round); }

// The reply's text in the evaluation request: its beginning, the whole on the workbench.
constexpr std::size_t kReplyExcerptCodePoints = 300;
std::string LinkOrHint(const std::string& link) {
  return link.empty() ? std::string("请登录代表工作台查看") : link;
}

// Why a timer of `round` no longer applies, or "" when the round still awaits its evaluation.
std::string Pointless(const protocol::Suggestion& s, std::int64_t round) {
  if (s.state != SuggestionState::kReplied) {
    return "already " + std::string(protocol::StateName(s.state));
  }
  if (s.record.rounds.empty() || s.record.rounds.back().round != round) {
    return "set for reply round " + std::to_string(round) + ", the latest is " +
           std::to_string(s.record.rounds.empty() ? 0 : s.record.rounds.back().round);
  }
  if (!s.record.rounds.back().satisfaction.empty()) return "evaluated already";
  return "";
}

// The timers of each kind: name, and the notice it sends.
struct Step {
  std::string_view kind;
  std::string_view timer;
  std::string_view action;
};
constexpr Step kSteps[] = {
    {kRemindKind, protocol::kSurveyRemindTimer, "evaluation_reminded"},
    {kOverdueKind, protocol::kSurveyOverdueTimer, "evaluation_overdue"},
    {kChaseKind, protocol::kSurveyChaseTimer, "evaluation_chased"},
};

}  // namespace

std::string EncodeRoundPayload(std::int64_t round) {
  protocol::MapWriter w;
  w.Int("round", round);
  return w.Take();
}

Result<std::int64_t> DecodeRoundPayload(std::string_view bytes) {
  auto bad = [](const std::string& why) { return InvalidArgument("survey payload: " + why); };
  Result<protocol::MapReader> parsed = protocol::MapReader::Parse(bytes);
  if (!parsed.ok()) return bad(parsed.status().message());
  std::int64_t round = 0;
  for (Status s : {parsed->Int("round", &round), parsed->Finish()}) {
    if (!s.ok()) return bad(s.message());
  }
  if (round < 1) return bad("round must be at least 1");
  return round;
}

Result<std::unique_ptr<SurveyRole>> SurveyRole::Create(const config::Config& c,
                                                       const Clock& clock) {
  DUBAN_ASSIGN_OR_RETURN(WorkingHours hours, WorkingHours::Create(c));
  return std::unique_ptr<SurveyRole>(new SurveyRole(std::move(hours), c, clock));
}

const std::vector<SurveyRole::KindHandler>& SurveyRole::Handlers() {
  static const std::vector<KindHandler> kTable = {
      {kRequestKind, &SurveyRole::Request}, {kRemindKind, &SurveyRole::Remind},
      {kOverdueKind, &SurveyRole::Remind},  {kChaseKind, &SurveyRole::Remind},
      {kConcludeKind, &SurveyRole::Conclude},
  };
  return kTable;
}

Result<protocol::Outcome> SurveyRole::Handle(const protocol::TaskMessage& task) {
  DUBAN_ASSIGN_OR_RETURN(const KindHandler* handler, FindKind("survey", task, Handlers()));
  if (!task.suggestion) {
    return InvalidArgument("survey: task " + task.task_id + " carries no suggestion");
  }
  return (this->*(handler->handle))(task, *task.suggestion);
}

Result<protocol::TimerSpec> SurveyRole::TimerAfter(std::string_view name, std::string_view kind,
                                                   std::int64_t round, Date from,
                                                   std::int64_t days) const {
  std::set<int> guessed;
  DUBAN_ASSIGN_OR_RETURN(PlannedTime at,
                         hours_.WorkingDaysPlan(from, static_cast<int>(days), &guessed));
  return protocol::TimerSpec{std::string(name), std::string(kServiceName), std::string(kind),
                             at.at, 0, EncodeRoundPayload(round), at.plan};
}

Result<protocol::Outcome> SurveyRole::Request(const protocol::TaskMessage& /*task*/,
                                              const protocol::Suggestion& s) const {
  if (s.state != SuggestionState::kReplied || s.record.rounds.empty()) {
    return NoChange("survey_skipped", "evaluation request: already " +
                                          std::string(protocol::StateName(s.state)));
  }
  const protocol::ReplyRound& round = s.record.rounds.back();
  const std::int64_t offset = jurisdiction_.utc_offset_minutes;
  const Date replied = LocalDateOf(round.replied_ms, offset);
  DUBAN_ASSIGN_OR_RETURN(protocol::TimerSpec remind,
                         TimerAfter(protocol::kSurveyRemindTimer, kRemindKind, round.round, replied,
                                    jurisdiction_.evaluation_remind_working_days));
  DUBAN_ASSIGN_OR_RETURN(protocol::TimerSpec overdue,
                         TimerAfter(protocol::kSurveyOverdueTimer, kOverdueKind, round.round,
                                    replied, jurisdiction_.evaluation_overdue_working_days));
  const std::string deputy = "deputy:" + s.draft.deputy.id;
  protocol::Outcome out = NoChange(
      "evaluation_requested",
      "evaluation of reply round " + std::to_string(round.round) + " requested from " + deputy +
          "; reminder " + FormatLocalTime(remind.due_ms, offset) + ", overdue " +
          FormatLocalTime(overdue.due_ms, offset));
  out.notices.push_back(
      {deputy, "evaluation_request",
       texts_("evaluation_request",
              {{"code", s.code},
               {"title", s.draft.title},
               {"unit", round.unit},
               {"class", round.result_class},
               {"days", std::to_string(jurisdiction_.evaluation_overdue_working_days)},
               {"reply", Excerpt(round.text, kReplyExcerptCodePoints)},
               {"link", LinkOrHint(config::WorkbenchLink(delivery_, s.code))}}),
       "survey.request:" + R(round.round) + "@" + deputy});
  out.timers = {remind, overdue};
  out.cancel_timers = {std::string(protocol::kSurveyChaseTimer)};
  return out;
}

Result<protocol::Outcome> SurveyRole::Remind(const protocol::TaskMessage& task,
                                             const protocol::Suggestion& s) const {
  const Step* step = nullptr;
  for (const Step& st : kSteps) {
    if (st.kind == task.kind) step = &st;
  }
  if (step == nullptr) return Internal("survey: no step for kind '" + task.kind + "'");
  Result<std::int64_t> round = DecodeRoundPayload(task.payload);
  if (!round.ok()) {
    return InvalidArgument("survey: task " + task.task_id + " for " + s.code + ": " +
                           round.status().message());
  }
  const std::string name(step->timer);
  if (std::string why = Pointless(s, *round); !why.empty()) {
    return NoChange("survey_skipped", name + ": " + why);
  }
  const Millis now = clock_.NowMs();
  const std::int64_t offset = jurisdiction_.utc_offset_minutes;
  std::set<int> guessed;
  DUBAN_ASSIGN_OR_RETURN(std::optional<PlannedTime> later, DeferralFor(hours_, now, &guessed));
  if (later) {
    protocol::Outcome out = NoChange("survey_deferred", name + ": fired outside working hours (" +
                                                           FormatLocalTime(now, offset) +
                                                           "); moved to " +
                                                           FormatLocalTime(later->at, offset));
    out.timers.push_back(
        {name, std::string(kServiceName), task.kind, later->at, 0, task.payload, later->plan});
    return out;
  }
  const protocol::ReplyRound& r = s.record.rounds.back();
  const Date today = LocalDateOf(now, offset);
  const std::string replied = FormatDate(LocalDateOf(r.replied_ms, offset));
  const std::string deputy = "deputy:" + s.draft.deputy.id;
  protocol::Outcome out = NoChange(std::string(step->action), "");
  if (step->kind == kRemindKind) {
    out.notices.push_back(
        {deputy, "evaluation_reminder",
         texts_("evaluation_reminder",
                {{"code", s.code}, {"title", s.draft.title}, {"replied", replied}}),
         name + ":" + R(r.round) + "@" + deputy});
    out.note = name + ": reminded " + deputy + " (reply of " + replied + ")";
    return out;
  }
  // overdue, then the chase: staff hear of it until the evaluation comes.
  out.notices.push_back({"staff", "evaluation_overdue",
                         texts_("evaluation_overdue", {{"code", s.code},
                                                       {"title", s.draft.title},
                                                       {"replied", replied},
                                                       {"deputy", s.draft.deputy.name}}),
                         name + ":" + R(r.round) + ":" + FormatDate(today) + "@staff"});
  DUBAN_ASSIGN_OR_RETURN(protocol::TimerSpec chase,
                         TimerAfter(protocol::kSurveyChaseTimer, kChaseKind, r.round, today,
                                    jurisdiction_.evaluation_chase_working_days));
  out.timers.push_back(chase);
  out.note = name + ": the evaluation of the reply of " + replied +
             " is overdue; staff told; chased again " + FormatLocalTime(chase.due_ms, offset);
  return out;
}

Result<protocol::Outcome> SurveyRole::Conclude(const protocol::TaskMessage& /*task*/,
                                               const protocol::Suggestion& s) const {
  if (s.state != SuggestionState::kEvaluated || s.record.rounds.empty() ||
      s.record.rounds.back().satisfaction.empty()) {
    return NoChange("survey_skipped",
                    "conclude: already " + std::string(protocol::StateName(s.state)));
  }
  const protocol::ReplyRound& r = s.record.rounds.back();
  auto level = std::find_if(levels_.begin(), levels_.end(),
                            [&](const config::SatisfactionLevel& l) { return l.code == r.satisfaction; });
  auto cls = std::find_if(classes_.begin(), classes_.end(),
                          [&](const config::ResultClass& c) { return c.code == r.result_class; });
  if (level == levels_.end() || cls == classes_.end()) {
    return FailedPrecondition("survey: " + s.code + " round " + std::to_string(r.round) +
                              " has class '" + r.result_class + "' and level '" + r.satisfaction +
                              "'; the config knows " +
                              (cls == classes_.end() ? "no such class" : "no such level"));
  }
  const std::string lead = LeadUnitOf(s);
  protocol::Outcome out;
  out.expect_version = s.version;
  if (level->accepted && cls->after == "close") {
    out.to_state = "CLOSED";
    out.action = "closed";
    out.note = "class " + cls->code + " evaluated " + level->name + ": closed (办结)";
    const std::string closed = texts_("closed", {{"code", s.code},
                                                 {"title", s.draft.title},
                                                 {"class", cls->code},
                                                 {"level", level->name}});
    out.notices.push_back({"staff", "closed", closed, "closed:" + R(r.round)});
    out.notices.push_back(
        {"deputy:" + s.draft.deputy.id, "closed", closed, "closed:" + R(r.round) + "@deputy"});
    return out;
  }
  if (level->accepted) {
    std::size_t open = 0;
    for (const auto& c : r.commitments) open += c.state == "OPEN" ? 1 : 0;
    out.to_state = "FOLLOW_UP";
    out.action = "follow_up";
    out.note = "class " + cls->code + " evaluated " + level->name + ": follow-up (回头看) of " +
               std::to_string(open) + " commitment(s) until closed out";
    out.notices.push_back({"unit:" + lead, "follow_up",
                           texts_("follow_up", {{"code", s.code},
                                                {"title", s.draft.title},
                                                {"class", cls->code},
                                                {"level", level->name},
                                                {"open", std::to_string(open)}}),
                           "follow_up:" + R(r.round) + "@unit:" + lead});
    return out;
  }
  // Not accepted: handled again, with a new deadline.
  std::int64_t refused = 0;
  for (const auto& round : s.record.rounds) {
    for (const auto& l : levels_) {
      if (l.code == round.satisfaction && !l.accepted) ++refused;
    }
  }
  const std::int64_t offset = jurisdiction_.utc_offset_minutes;
  const Date evaluated = LocalDateOf(r.evaluated_ms != 0 ? r.evaluated_ms : clock_.NowMs(), offset);
  const Date due = AddCalendarMonths(evaluated, static_cast<int>(jurisdiction_.rehandling_months));
  protocol::Deadline d;
  d.date = FormatDate(due);
  d.rule = "rehandling (重新办理): " + std::to_string(jurisdiction_.rehandling_months) +
           " calendar month(s) from the evaluation on " + FormatDate(evaluated) + " (round " +
           std::to_string(r.round) + " " + level->name + ")";
  d.due_ms = EndOfLocalDay(due, offset);
  out.to_state = "REHANDLING";
  out.deadline = d;
  out.units = s.units;
  for (auto& u : out.units) {
    if (u.unit == lead && u.state == "REPLIED") u.state = "IN_PROGRESS";
  }
  out.action = "rehandling";
  out.note = "round " + std::to_string(r.round) + " evaluated " + level->name +
             ": handled again (重新办理), new reply due " + d.date;
  out.notices.push_back({"unit:" + lead, "rehandling",
                         texts_("rehandling_unit", {{"code", s.code},
                                                    {"title", s.draft.title},
                                                    {"level", level->name},
                                                    {"reasons", r.reasons},
                                                    {"date", d.date}}),
                         "rehandling:" + R(r.round) + "@unit:" + lead});
  out.notices.push_back(
      {"deputy:" + s.draft.deputy.id, "rehandling",
       texts_("rehandling_deputy", {{"code", s.code}, {"title", s.draft.title}, {"date", d.date}}),
       "rehandling:" + R(r.round) + "@deputy"});
  if (refused >= 2) {
    // The directors' meeting decides (docs/domain.md#the-agenda): the escalation role puts it
    // on the agenda.
    out.timers.push_back({std::string(protocol::kDissatisfiedAgendaTimer), "escalation", "agenda",
                          clock_.NowMs(), 0, "dissatisfied_twice"});
    out.note += "; " + std::to_string(refused) +
                " evaluations not accepted: to the directors' meeting agenda";
  }
  return out;
}

// Links the role into duban-worker --role survey (the library is linked whole).
static const RoleRegistration kRegistration(
    std::string(kServiceName),
    [](const config::Config& c, const Clock& clock) -> Result<std::unique_ptr<Role>> {
      DUBAN_ASSIGN_OR_RETURN(std::unique_ptr<SurveyRole> role, SurveyRole::Create(c, clock));
      return std::unique_ptr<Role>(std::move(role));
    });

}  // namespace duban::workers::survey
