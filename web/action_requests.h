// ActionRequests: the broker requests the forms of duban-web make, built from a posted Form
// (web/form.h) and the signed-in account, never from what the form says about who acts: the unit
// is the account's unit, the deputy the account's deputy id, the code the one in the URL (the
// broker checks that person against the stored suggestion). Every field is bounded as the broker
// bounds it (docs/protocol.md), so a form the broker would refuse for its size is refused here
// first, in the person's language.
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/protocol/api_messages.h"
#include "common/protocol/messages.h"
#include "common/result.h"
#include "web/form.h"
#include "web/words.h"

namespace duban::web {

inline constexpr std::size_t kMaxNoteBytes = 6000;        // reasons, contacts, opinions
inline constexpr std::size_t kMaxReplyTextBytes = 30000;  // the reply itself
inline constexpr std::size_t kMaxSignerBytes = 200;
inline constexpr std::size_t kMaxCommitmentBytes = 2000;

// The unit actions: sign, start, return, extend, contact, opinion (names as in the URL).
bool IsUnitAction(std::string_view action);

// The UnitActionRequest of `action` for `unit` acting as `actor`. InvalidArgument naming the
// field (in `lang`) that is missing or out of bounds.
Result<protocol::UnitActionRequest> UnitActionFromForm(Lang lang, std::string_view action,
                                                       const Form& form, const std::string& code,
                                                       const std::string& unit,
                                                       const std::string& actor);

// The lead unit's reply: result_class, text, signer, and up to kRows commitments
// (commitment_text_N with commitment_due_N, both or neither).
Result<protocol::ReplyRequest> ReplyFromForm(Lang lang, const Form& form, const std::string& code,
                                             const std::string& unit, const std::string& actor,
                                             int commitment_rows);

// The deputy's evaluation: satisfaction (a level code) and reasons.
Result<protocol::EvaluateRequest> EvaluateFromForm(Lang lang, const Form& form,
                                                   const std::string& code,
                                                   const std::string& deputy);

}  // namespace duban::web
