#include "web/staff_requests.h"

#include <array>
#include <cctype>
#include <set>

#include "web/action_requests.h"

namespace duban::web {
namespace {

constexpr std::array<std::string_view, 4> kOutcomes = {"accept", "merge", "return", "withdraw"};
constexpr std::size_t kMaxUnitIdBytes = 64;

// A unit id the form names: bounded, and configured when the config names units.
Result<std::string> UnitField(Lang lang, const Form& form, std::string_view name,
                              std::string_view label_key, const Vocabulary& v, bool optional) {
  DUBAN_ASSIGN_OR_RETURN(std::string unit,
                         form.Text(name, Say(lang, label_key), kMaxUnitIdBytes, false, optional));
  if (unit.empty()) return unit;
  if (!v.unit_names.empty() && v.unit_names.count(unit) == 0) {
    return InvalidArgument(Say(lang, label_key) + ": " + Say(lang, "staff.unit_unknown"));
  }
  return unit;
}

}  // namespace

bool IsReviewOutcome(std::string_view outcome) {
  for (std::string_view o : kOutcomes) {
    if (o == outcome) return true;
  }
  return false;
}

bool IsCodeText(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

Result<protocol::ReviewRequest> ReviewFromForm(Lang lang, std::string_view outcome,
                                               const Form& form, const std::string& code,
                                               const std::string& actor) {
  if (!IsReviewOutcome(outcome)) return InvalidArgument("unknown review outcome");
  protocol::ReviewRequest r;
  r.code = code;
  r.outcome = std::string(outcome);
  r.actor = actor;
  const bool reason_required = outcome != "accept";
  DUBAN_ASSIGN_OR_RETURN(r.reason, form.Text("reason", Say(lang, "staff.review_reason"),
                                             kMaxNoteBytes, true, !reason_required));
  if (outcome == "merge") {
    DUBAN_ASSIGN_OR_RETURN(r.into, form.Text("into", Say(lang, "staff.merge_into"), 32));
    if (!IsCodeText(r.into)) {
      return InvalidArgument(Say(lang, "staff.merge_into") + ": " + Say(lang, "staff.bad_code"));
    }
    if (r.into == code) {
      return InvalidArgument(Say(lang, "staff.merge_into") + ": " + Say(lang, "staff.merge_self"));
    }
  }
  return r;
}

Result<protocol::AssignRequest> AssignFromForm(Lang lang, const Form& form,
                                               const std::string& code, const std::string& actor,
                                               const Vocabulary& v) {
  protocol::AssignRequest r;
  r.code = code;
  r.actor = actor;
  DUBAN_ASSIGN_OR_RETURN(r.lead_unit,
                         UnitField(lang, form, "lead_unit", "staff.lead_unit", v, false));
  // Co-handlers: one checkbox per configured unit, named co.<id>; the names are the config's,
  // so a unit the config lacks cannot be checked, and each can be given once (Form refuses a
  // field twice).
  for (const auto& [id, name] : v.unit_names) {
    if (!form.Has("co." + id)) continue;
    if (id == r.lead_unit) {
      return InvalidArgument(Say(lang, "staff.co_units") + ": " + Say(lang, "staff.co_is_lead"));
    }
    r.co_units.push_back(id);
  }
  DUBAN_ASSIGN_OR_RETURN(r.note, form.Text("note", Say(lang, "staff.note"), kMaxNoteBytes, true,
                                           true));
  return r;
}

Result<protocol::DecideRequest> DecideFromForm(Lang lang, const Form& form,
                                               const std::string& code, const std::string& actor,
                                               const Vocabulary& v) {
  protocol::DecideRequest r;
  r.code = code;
  r.actor = actor;
  DUBAN_ASSIGN_OR_RETURN(r.unit, UnitField(lang, form, "unit", "staff.unit", v, false));
  DUBAN_ASSIGN_OR_RETURN(r.request, form.Choice("request", Say(lang, "staff.request"),
                                                {"return", "extension"}));
  DUBAN_ASSIGN_OR_RETURN(std::string decision,
                         form.Choice("decision", Say(lang, "staff.decision"),
                                     {"approve", "reject"}));
  r.approve = decision == "approve";
  if (r.approve && r.request == "return") {
    DUBAN_ASSIGN_OR_RETURN(r.new_unit,
                           UnitField(lang, form, "new_unit", "staff.new_unit", v, true));
    if (r.new_unit == r.unit) {
      return InvalidArgument(Say(lang, "staff.new_unit") + ": " + Say(lang, "staff.new_unit_same"));
    }
  }
  DUBAN_ASSIGN_OR_RETURN(r.note, form.Text("note", Say(lang, "staff.note"), kMaxNoteBytes, true,
                                           true));
  return r;
}

}  // namespace duban::web
