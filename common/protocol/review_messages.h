// API messages of the review of a filed suggestion (duban.review, 审核): staff accept it (立案),
// merge it into another (并案), return it to its deputy for rework (退回修改) with the reason, or
// withdraw it at the deputy's request (撤回); the lead deputy resubmits a returned one with its
// revised text (修改后重新提交), and the assignment role routes it again. What was decided is
// kept in the suggestion's handling record (review_reason, merged_into, merged) and on its
// timeline. Same rules as messages.h: one struct per message with its description under it.
//
// Thread rules: plain value types.
#pragma once

#include <cstdint>
#include <string>

#include "common/protocol/describe.h"

namespace duban::protocol {

struct ReviewRequest {
  std::string code;
  std::string outcome;  // accept | merge | return | withdraw | resubmit
  std::string into;     // merge: the suggestion it is merged into
  std::string reason;
  std::string title;    // resubmit: the revised title ("" keeps it)
  std::string content;  // resubmit: the revised text ("" keeps it)
  std::string actor;
  std::string deputy;   // resubmit: the deputy acting (a deputy's key: itself)
};
DUBAN_DESCRIBE(ReviewRequest) {
  v("code", m.code, kRequired,
    "the tracking code of the suggestion reviewed");
  v("outcome", m.outcome, kRequired,
    "`accept` (立案: `SUBMITTED` or `IN_REVIEW` → `ACCEPTED`; staff then assign it by hand), `merge` (并案: `IN_REVIEW` → `MERGED`, into `into`), `return` (退回修改: `IN_REVIEW` → `RETURNED_FOR_REWORK`, the deputy is told the reason), `withdraw` (撤回 at the deputy's request: `IN_REVIEW` → `WITHDRAWN`), all by staff; `resubmit` (`RETURNED_FOR_REWORK` → `SUBMITTED`, routed again) by the lead deputy or staff for them");
  v("into", m.into, kOptional,
    "`merge`: the tracking code of the suggestion it joins; not itself, not finished (`CLOSED`, `WITHDRAWN`, `MERGED`)");
  v("reason", m.reason, kOptional,
    "≤ 6 000 bytes: why; required for `return`, `withdraw` and `merge`");
  v("title", m.title, kOptional,
    "`resubmit`: the revised title, ≤ 600 bytes (`\"\"` keeps it)");
  v("content", m.content, kOptional,
    "`resubmit`: the revised text, ≤ 60 000 bytes (`\"\"` keeps it); one of `title` and `content` is required");
  v("actor", m.actor, kOptional,
    "≤ 200 bytes; recorded as `staff:<actor>` (a deputy's key: `deputy:<id>/<key>`)");
  v("deputy", m.deputy, kOptional,
    "`resubmit`: the deputy resubmitting, who must be the suggestion's lead deputy (a deputy's key: itself; staff may leave it empty)");
}

struct ReviewReply {
  std::string code;
  std::string state;
  std::int64_t version = 0;
  std::string into;
};
DUBAN_DESCRIBE(ReviewReply) {
  v("code", m.code, kRequired,
    "the tracking code");
  v("state", m.state, kRequired,
    "the suggestion's state afterwards");
  v("version", m.version, kRequired,
    "its version afterwards");
  v("into", m.into, kOmitEmpty,
    "`merge`: the suggestion it was merged into");
}

}  // namespace duban::protocol
