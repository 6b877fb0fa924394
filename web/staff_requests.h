// StaffRequests: the broker requests the staff's forms make (代表工委): a review outcome
// (duban.review: accept 立案, merge 并案 into a code, return 退回修改 or withdraw 撤回 with the
// reason), an assignment by hand (duban.assign: the lead unit and co-units from the configured
// units) and a decision on a unit's pending return or extension (duban.decide). Built from a
// posted Form (web/form.h) and the signed-in account: the actor is always the account's display
// name and the code the one in the URL, never what the form says. Every field is bounded as the
// broker bounds it (docs/protocol.md), and a unit must be one the config names (when it names
// any), so a mistyped or hostile unit is refused here in the person's language; the broker checks
// everything again.
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/protocol/messages.h"
#include "common/result.h"
#include "web/form.h"
#include "web/suggestion_view.h"
#include "web/words.h"

namespace duban::web {

// The review outcomes a staff form may post (names as in the URL).
bool IsReviewOutcome(std::string_view outcome);

// duban.review `outcome` on `code` by `actor`: `reason` (required for merge, return, withdraw;
// optional for accept), `into` (merge: a tracking code other than `code`). InvalidArgument naming
// the field otherwise.
Result<protocol::ReviewRequest> ReviewFromForm(Lang lang, std::string_view outcome,
                                               const Form& form, const std::string& code,
                                               const std::string& actor);

// duban.assign of `code` by `actor`: `lead_unit`, and a checkbox `co.<unit>` per co-handler; each
// unit configured (when `v` names any), none twice nor the lead; `note` optional.
Result<protocol::AssignRequest> AssignFromForm(Lang lang, const Form& form,
                                               const std::string& code, const std::string& actor,
                                               const Vocabulary& v);

// duban.decide on `code` by `actor`: `unit`, `request` (return | extension), `decision`
// (approve | reject), `new_unit` (a return approved: who takes over), `note` optional.
Result<protocol::DecideRequest> DecideFromForm(Lang lang, const Form& form,
                                               const std::string& code, const std::string& actor,
                                               const Vocabulary& v);

// True for a tracking code as URLs carry it: 1..32 of A-Z a-z 0-9 '-'.
bool IsCodeText(std::string_view code);

}  // namespace duban::web
