#include "services/closing_rules.h"

#include <algorithm>
#include <chrono>

#include "common/calendar.h"
#include "common/protocol/labels.h"
#include "common/protocol/lifecycle.h"
#include "common/protocol/timer_names.h"

namespace duban::services {
namespace {

using protocol::SuggestionState;
using protocol::UnitRole;

std::string StateOf(const protocol::Suggestion& s) { return std::string(protocol::StateName(s.state)); }

// The timers a reply makes pointless: the reply and re-handling reminders and escalations, and
// every unit's sign and opinion timers.
std::vector<std::string> TimersEndedByReply(const protocol::Suggestion& s, const ClosingRules& rules) {
  std::vector<std::string> names;
  for (std::int64_t d : rules.reply_reminder_days) {
    names.push_back("reply.remind." + std::to_string(d) + "d");
  }
  names.push_back("reply.overdue");
  names.push_back("reply.overdue15");
  for (std::int64_t d : rules.rehandling_reminder_days) {
    names.push_back(protocol::RehandleRemindTimer(d));
  }
  names.push_back(std::string(protocol::kRehandleOverdueTimer));
  for (const auto& u : s.units) {
    for (const std::string& n :
         {protocol::SignRemindTimer(u.unit), protocol::SignOverdueTimer(u.unit),
          protocol::OpinionRemind7Timer(u.unit), protocol::OpinionRemind2Timer(u.unit),
          protocol::OpinionOverdueTimer(u.unit), protocol::DecisionTimer("return", u.unit),
          protocol::DecisionTimer("extension", u.unit)}) {
      names.push_back(n);
    }
  }
  return names;
}

std::string ClassList(const ClosingRules& rules) {
  std::string list;
  for (const auto& c : rules.classes) list += (list.empty() ? "" : ", ") + c.code;
  return list;
}

std::string LevelList(const ClosingRules& rules) {
  std::string list;
  for (const auto& l : rules.levels) list += (list.empty() ? "" : ", ") + l.code + " (" + l.name + ")";
  return list;
}

}  // namespace

ClosingRules ClosingRules::FromConfig(const config::Config& c) {
  ClosingRules r;
  r.utc_offset_minutes = c.jurisdiction.utc_offset_minutes;
  r.classes = c.result_classes;
  r.levels = c.satisfaction_levels;
  r.reply_reminder_days = c.jurisdiction.reply_reminder_days;
  r.rehandling_reminder_days = c.jurisdiction.rehandling_reminder_days;
  r.refuse_without_opinions = c.jurisdiction.reply_without_opinions == "refuse";
  r.notices = config::NoticeTextsOf(c);
  return r;
}

const config::SatisfactionLevel* FindLevel(const ClosingRules& rules, const std::string& text) {
  for (const auto& l : rules.levels) {
    if (l.code == text || l.name == text) return &l;
  }
  return nullptr;
}

const config::ResultClass* FindClass(const ClosingRules& rules, const std::string& code) {
  for (const auto& c : rules.classes) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

Result<UnitChange> ApplyReply(const protocol::Suggestion& s, const protocol::ReplyRequest& r,
                              Millis now, const ClosingRules& rules) {
  if (!protocol::AwaitsReply(s.state)) {
    return FailedPrecondition(s.code + " is " + StateOf(s) +
                              "; a reply is for a suggestion being handled (ASSIGNED, IN_HANDLING "
                              "or REHANDLING)")
        .WithZh("建议当前为“" + std::string(protocol::StateLabel(s.state)) + "”，现在不需要答复");
  }
  auto it = std::find_if(s.units.begin(), s.units.end(), [&](const protocol::UnitAssignment& u) {
    return u.unit == r.unit && u.state != "REASSIGNED";
  });
  if (it == s.units.end()) {
    return NotFound("unit '" + r.unit + "' has no task on " + s.code)
        .WithZh("本单位在建议 " + s.code + " 上没有承办任务");
  }
  if (it->role != UnitRole::kLead) {
    return FailedPrecondition("unit '" + r.unit +
                              "' is a co-handler (协办): it sends its opinion to the lead unit "
                              "(duban.opinion); the lead unit replies")
        .WithZh("协办单位向主办单位送协办意见，由主办单位答复代表");
  }
  static const std::vector<std::string> kCanReply = {"SIGNED", "IN_PROGRESS", "EXTENSION_PENDING",
                                                      "EXTENDED"};
  if (std::find(kCanReply.begin(), kCanReply.end(), it->state) == kCanReply.end()) {
    const std::string_view label = protocol::UnitTaskStateLabel(it->state);
    return FailedPrecondition("cannot reply: the task of unit '" + r.unit + "' is " + it->state +
                              (it->state == "ISSUED" ? " (sign for it first: duban.sign)" : ""))
        .WithZh(it->state == "ISSUED" ? std::string("请先签收，再答复")
                                      : "本单位的任务当前为“" + std::string(label) + "”，不能答复");
  }
  const config::ResultClass* cls = FindClass(rules, r.result_class);
  if (cls == nullptr) {
    return InvalidArgument("unknown result class '" + r.result_class + "' (known: " +
                           ClassList(rules) + ")");
  }
  if (r.text.empty()) return InvalidArgument("a reply needs its text").WithZh("请填写答复正文");
  // The co-handlers (协办) whose opinion the lead has not had: warned of, or refused by config.
  std::string missing;
  for (const auto& u : s.units) {
    if (u.role != UnitRole::kCo || u.state == "REASSIGNED" || u.state == "OPINION_SENT") continue;
    missing += (missing.empty() ? "" : ", ") + u.unit;
  }
  if (!missing.empty() && rules.refuse_without_opinions) {
    return FailedPrecondition("co-handler(s) " + missing + " have not sent their opinion (协办意见) "
                              "yet: the lead unit replies once it has them "
                              "(jurisdiction.reply_without_opinions = refuse)")
        .WithZh("协办单位 " + missing + " 尚未送来协办意见，收到后再答复");
  }
  if (r.signer.empty()) {
    return InvalidArgument("a reply needs its signer (签发人)").WithZh("请填写签发人");
  }
  if (cls->after == "close" && !r.commitments.empty()) {
    return InvalidArgument("a class " + cls->code + " reply (" + cls->name +
                           ") closes the item after a satisfied evaluation: it takes no "
                           "commitments (those belong to a class that is followed up)");
  }
  if (cls->needs_commitments && r.commitments.empty()) {
    return InvalidArgument("a class " + cls->code + " reply (" + cls->name +
                           ") must list its commitments (承诺事项), each with a due date");
  }
  const Date today = LocalDateOf(now, rules.utc_offset_minutes);
  protocol::ReplyRound round;
  round.round = static_cast<std::int64_t>(s.record.rounds.size()) + 1;
  round.unit = r.unit;
  round.result_class = cls->code;
  round.text = r.text;
  round.signer = r.signer;
  round.replied_ms = now;
  if (s.deadline) {
    round.deadline = s.deadline->date;
    round.on_time = now <= s.deadline->due_ms;
  }
  for (std::size_t i = 0; i < r.commitments.size(); ++i) {
    const auto& d = r.commitments[i];
    const std::string which = "commitment " + std::to_string(i + 1);
    if (d.text.empty()) return InvalidArgument(which + " has no text");
    Result<Date> due = ParseDate(d.due);
    if (!due.ok()) return InvalidArgument(which + ": " + due.status().message());
    if (std::chrono::sys_days{*due} < std::chrono::sys_days{today}) {
      return InvalidArgument(which + " is due " + d.due + ", before the reply date " +
                             FormatDate(today));
    }
    protocol::Commitment c;
    c.id = "r" + std::to_string(round.round) + "c" + std::to_string(i + 1);
    c.text = d.text;
    c.due = FormatDate(*due);
    round.commitments.push_back(std::move(c));
  }
  UnitChange c = ChangeFrom(s);
  for (auto& u : c.units) {
    if (u.unit == r.unit && u.state != "REASSIGNED") {
      u.state = "REPLIED";
      u.pending_until.clear();
      u.before.clear();
    }
  }
  // Commitments of an earlier reply the deputy did not accept are replaced by this reply's.
  for (auto& earlier : c.record->rounds) {
    for (auto& cm : earlier.commitments) {
      if (cm.state == "OPEN") cm.state = "SUPERSEDED";
    }
  }
  c.record->rounds.push_back(round);
  c.to_state = "REPLIED";
  c.unit_state = "REPLIED";
  c.action = "replied";
  c.note = "unit '" + r.unit + "' replied (答复, round " + std::to_string(round.round) +
           "): class " + cls->code + " " + cls->name + ", signed by " + r.signer +
           (round.on_time ? "" : ", after the deadline " + round.deadline) +
           (round.commitments.empty()
                ? ""
                : ", " + std::to_string(round.commitments.size()) + " commitment(s)") +
           (missing.empty() ? "" : "; without the opinion of co-handler(s) " + missing);
  if (!missing.empty()) {
    c.warnings.push_back("co-handler(s) " + missing +
                         " have not sent their opinion (协办意见): the reply went out without it");
  }
  c.cancel_timers = TimersEndedByReply(s, rules);
  c.notices.push_back({"staff", "replied",
                       rules.notices(round.on_time ? "replied" : "replied_late",
                                     {{"code", s.code},
                                      {"title", s.draft.title},
                                      {"unit", r.unit},
                                      {"class", cls->code},
                                      {"class_name", cls->name}}),
                       "replied:r" + std::to_string(round.round)});
  return c;
}

Result<UnitChange> ApplyEvaluation(const protocol::Suggestion& s,
                                   const protocol::EvaluateRequest& r, Millis now,
                                   const ClosingRules& rules) {
  // Checked first and said without the lead deputy's id or the state: another deputy learns
  // nothing of a suggestion that is not theirs.
  if (r.deputy != s.draft.deputy.id) {
    return PermissionDenied("only its lead deputy (领衔代表) evaluates " + s.code + ", and '" +
                            r.deputy + "' is not")
        .WithZh("只有领衔代表可以测评这件建议");
  }
  if (s.state != SuggestionState::kReplied || s.record.rounds.empty()) {
    return FailedPrecondition(s.code + " is " + StateOf(s) +
                              "; the deputy evaluates a suggestion that was REPLIED")
        .WithZh("建议当前为“" + std::string(protocol::StateLabel(s.state)) +
                "”，答复后才能测评");
  }
  const config::SatisfactionLevel* level = FindLevel(rules, r.satisfaction);
  if (level == nullptr) {
    return InvalidArgument("unknown satisfaction '" + r.satisfaction + "' (known: " +
                           LevelList(rules) + ")");
  }
  if (!level->accepted && r.reasons.empty()) {
    return InvalidArgument("a " + level->name + " evaluation needs the deputy's reasons")
        .WithZh("测评为“" + level->name + "”时请填写理由");
  }
  UnitChange c = ChangeFrom(s);
  protocol::ReplyRound& round = c.record->rounds.back();
  round.satisfaction = level->code;
  round.reasons = r.reasons;
  round.evaluated_ms = now;
  c.to_state = "EVALUATED";
  c.action = "evaluated";
  c.note = "the deputy evaluated reply round " + std::to_string(round.round) + ": " + level->name +
           (r.reasons.empty() ? "" : " — " + r.reasons);
  c.cancel_timers = {std::string(protocol::kSurveyRemindTimer),
                     std::string(protocol::kSurveyOverdueTimer),
                     std::string(protocol::kSurveyChaseTimer)};
  return c;
}

namespace {
// A commitment made at a 代表·局长面对面 session (id f<n>c1): closed out whatever the suggestion's
// state, which it does not change.
Result<UnitChange> CloseoutSessionCommitment(const protocol::Suggestion& s,
                                             const protocol::CloseoutRequest& r, Millis now) {
  if (r.basis.empty()) return InvalidArgument("a close-out needs its basis (销号依据)");
  UnitChange c = ChangeFrom(s);
  for (auto& o : c.record->sessions) {
    for (auto& cm : o.commitments) {
      if (cm.id != r.commitment) continue;
      if (cm.state == "MET") {
        return FailedPrecondition("commitment " + cm.id + " was closed out already");
      }
      cm.state = "MET";
      cm.basis = r.basis;
      cm.closed_by = r.actor;
      cm.closed_ms = now;
      c.cancel_timers = {protocol::CommitmentRemindTimer(cm.id),
                         protocol::CommitmentOverdueTimer(cm.id)};
      c.action = "commitment_met";
      c.note = "代表·局长面对面 " + o.session + " 承诺 " + cm.id + " 已销号；依据：" + r.basis;
      return c;
    }
  }
  return NotFound("no commitment '" + r.commitment + "' on " + s.code);
}
}  // namespace

Result<UnitChange> ApplyCloseout(const protocol::Suggestion& s, const protocol::CloseoutRequest& r,
                                 Millis now, const ClosingRules& rules) {
  if (!r.commitment.empty() && r.commitment[0] == 'f') return CloseoutSessionCommitment(s, r, now);
  if (s.state != SuggestionState::kFollowUp) {
    return FailedPrecondition(s.code + " is " + StateOf(s) +
                              "; close-out (销号) is for a suggestion in FOLLOW_UP");
  }
  if (r.basis.empty()) return InvalidArgument("a close-out needs its basis (销号依据)");
  UnitChange c = ChangeFrom(s);
  std::vector<std::string> closed;
  bool found = r.commitment.empty();
  for (auto& round : c.record->rounds) {
    for (auto& cm : round.commitments) {
      if (!r.commitment.empty() && cm.id != r.commitment) continue;
      if (cm.state == "SUPERSEDED") {
        if (!r.commitment.empty()) {
          return FailedPrecondition("commitment " + cm.id + " was replaced by a later reply");
        }
        continue;
      }
      found = true;
      if (cm.state == "MET") {
        if (!r.commitment.empty()) {
          return FailedPrecondition("commitment " + cm.id + " was closed out already");
        }
        continue;
      }
      cm.state = "MET";
      cm.basis = r.basis;
      cm.closed_by = r.actor;
      cm.closed_ms = now;
      closed.push_back(cm.id);
      c.cancel_timers.push_back(protocol::CommitmentRemindTimer(cm.id));
      c.cancel_timers.push_back(protocol::CommitmentOverdueTimer(cm.id));
    }
  }
  if (!found) return NotFound("no commitment '" + r.commitment + "' on " + s.code);
  std::int64_t open = 0;
  for (const auto& round : c.record->rounds) {
    for (const auto& cm : round.commitments) open += cm.state == "OPEN" ? 1 : 0;
  }
  std::string list;
  for (const auto& id : closed) list += (list.empty() ? "" : ", ") + id;
  if (open == 0) {
    c.to_state = "CLOSED";
    c.record->closed_ms = now;
    c.record->close_basis = r.basis;
    c.action = "closed_out";
    c.note = "closed out (销号)" + (list.empty() ? "" : ": commitments " + list + " met") +
             "; basis: " + r.basis;
    c.cancel_timers.push_back(std::string(protocol::kLookbackTimer));
    const std::string text =
        rules.notices("closed_out", {{"code", s.code}, {"title", s.draft.title}, {"basis", r.basis}});
    c.notices.push_back({"staff", "closed", text, "closed"});
    c.notices.push_back({"deputy:" + s.draft.deputy.id, "closed", text, "closed@deputy"});
  } else {
    c.action = "commitment_met";
    c.note = "commitment " + list + " met (销号); " + std::to_string(open) +
             " still open; basis: " + r.basis;
  }
  return c;
}

Result<UnitChange> ApplyLookback(const protocol::Suggestion& s, const protocol::CloseoutRequest& r,
                                 Millis /*now*/) {
  if (s.state != SuggestionState::kFollowUp) {
    return FailedPrecondition(s.code + " is " + StateOf(s) +
                              "; look-back rounds (回头看) are for a suggestion in FOLLOW_UP");
  }
  if (r.basis.empty()) return InvalidArgument("a look-back round needs its findings");
  UnitChange c = ChangeFrom(s);
  c.record->lookbacks += 1;
  c.action = "looked_back";
  c.note = "look-back round (回头看) " + std::to_string(c.record->lookbacks) + ": " + r.basis;
  return c;
}

}  // namespace duban::services
