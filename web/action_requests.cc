#include "web/action_requests.h"

#include <array>

namespace duban::web {
namespace {

constexpr std::array<std::string_view, 6> kUnitActions = {"sign",    "start",   "return",
                                                          "extend",  "contact", "opinion"};

}  // namespace

bool IsUnitAction(std::string_view action) {
  for (std::string_view a : kUnitActions) {
    if (a == action) return true;
  }
  return false;
}

Result<protocol::UnitActionRequest> UnitActionFromForm(Lang lang, std::string_view action,
                                                       const Form& form, const std::string& code,
                                                       const std::string& unit,
                                                       const std::string& actor) {
  if (!IsUnitAction(action)) return InvalidArgument("unknown action");
  protocol::UnitActionRequest r;
  r.code = code;
  r.unit = unit;
  r.actor = actor;
  if (action == "return") {
    DUBAN_ASSIGN_OR_RETURN(r.reason, form.Text("reason", Say(lang, "act.return_reason"),
                                               kMaxNoteBytes, true));
  } else if (action == "extend") {
    DUBAN_ASSIGN_OR_RETURN(r.until, form.Date("until", Say(lang, "act.extend_until")));
    DUBAN_ASSIGN_OR_RETURN(r.reason, form.Text("reason", Say(lang, "act.extend_reason"),
                                               kMaxNoteBytes, true));
  } else if (action == "contact") {
    DUBAN_ASSIGN_OR_RETURN(r.phase, form.Choice("phase", Say(lang, "act.contact_phase"),
                                                {"before", "during", "after"}));
    DUBAN_ASSIGN_OR_RETURN(r.reason, form.Text("text", Say(lang, "act.contact_text"),
                                               kMaxNoteBytes, true));
  } else if (action == "opinion") {
    DUBAN_ASSIGN_OR_RETURN(r.reason, form.Text("text", Say(lang, "act.opinion_text"),
                                               kMaxNoteBytes, true));
  }
  return r;
}

Result<protocol::ReplyRequest> ReplyFromForm(Lang lang, const Form& form, const std::string& code,
                                             const std::string& unit, const std::string& actor,
                                             int commitment_rows) {
  protocol::ReplyRequest r;
  r.code = code;
  r.unit = unit;
  r.actor = actor;
  DUBAN_ASSIGN_OR_RETURN(r.result_class,
                         form.Text("result_class", Say(lang, "act.reply_class"), 16));
  DUBAN_ASSIGN_OR_RETURN(r.text, form.Text("text", Say(lang, "act.reply_text"),
                                           kMaxReplyTextBytes, true));
  DUBAN_ASSIGN_OR_RETURN(r.signer,
                         form.Text("signer", Say(lang, "act.reply_signer"), kMaxSignerBytes));
  for (int i = 1; i <= commitment_rows; ++i) {
    const std::string n = std::to_string(i);
    const std::string text_label = Say(lang, "act.commitment_text") + " " + n;
    const std::string due_label = Say(lang, "act.commitment_due") + " " + n;
    DUBAN_ASSIGN_OR_RETURN(std::string text, form.Text("commitment_text_" + n, text_label,
                                                       kMaxCommitmentBytes, false, true));
    DUBAN_ASSIGN_OR_RETURN(std::string due, form.Date("commitment_due_" + n, due_label, true));
    if (text.empty() && due.empty()) continue;
    if (text.empty()) return InvalidArgument(text_label + ": required with its date");
    if (due.empty()) return InvalidArgument(due_label + ": required with its commitment");
    r.commitments.push_back({std::move(text), std::move(due)});
  }
  return r;
}

Result<protocol::EvaluateRequest> EvaluateFromForm(Lang lang, const Form& form,
                                                   const std::string& code,
                                                   const std::string& deputy) {
  protocol::EvaluateRequest r;
  r.code = code;
  r.deputy = deputy;
  DUBAN_ASSIGN_OR_RETURN(r.satisfaction,
                         form.Text("satisfaction", Say(lang, "deputy.satisfaction"), 64));
  DUBAN_ASSIGN_OR_RETURN(r.reasons, form.Text("reasons", Say(lang, "deputy.reasons"),
                                              kMaxNoteBytes, true, true));
  return r;
}

}  // namespace duban::web
