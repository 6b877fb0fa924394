// UnitPages: the handling unit clerk's pages (承办单位工作台): the board of the unit's tasks by
// group (web/task_board.h) and the page of one task with the forms of what the unit may do now —
// sign (签收), start, ask to return (退回) or extend (延期) with a reason, record a 三见面 contact,
// send the co-handler's opinion, and (the lead unit) reply with class, text, signer and
// commitments, the co-handlers' opinions shown beside the reply form with a warning for each one
// still missing. Which forms appear follows the broker's rules (docs/protocol.md#unit-tasks); the
// broker checks them again on every action.
//
// Thread rules: pure functions.
#pragma once

#include <string>
#include <vector>

#include "common/calendar.h"
#include "common/protocol/messages.h"
#include "web/page_frame.h"
#include "web/suggestion_view.h"
#include "web/task_board.h"

namespace duban::web {

// How many commitment rows the reply form offers.
inline constexpr int kReplyCommitmentRows = 3;

// What a page says after an action: the word key of the success ("task.done.sign") and the
// broker's warnings (shown as given).
struct Flash {
  std::string done_key;
  std::vector<std::string> warnings;
  bool empty() const { return done_key.empty() && warnings.empty(); }
};

// The success and the warnings of `flash`, as notice boxes ("" when empty).
std::string FlashBoxes(Lang lang, const Flash& flash);

std::string RenderUnitBoard(Lang lang, const Viewer& viewer, const std::vector<BoardItem>& items,
                            std::int64_t total, const Vocabulary& v);

// One suggestion for `unit` (the account's), with the forms its task allows now.
std::string RenderUnitTask(Lang lang, const Viewer& viewer, const protocol::GetReply& got,
                           const std::string& unit, const Vocabulary& v, const Flash& flash);

// The units (co-handlers, not reassigned away) whose opinion the lead still waits for.
std::vector<std::string> MissingOpinions(const protocol::Suggestion& s);

}  // namespace duban::web
