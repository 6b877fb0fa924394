// DeputyPages: the deputy's pages (代表) — my suggestions with their state and deadline, and one
// suggestion with the replies in full (text, class, signer, commitments) and, while a reply
// waits for it, the evaluation form (满意 / 基本满意 / 不满意 with reasons) — and a suggestion
// read only, as staff and directors open it by its code.
//
// Thread rules: pure functions.
#pragma once

#include <string>

#include "common/protocol/messages.h"
#include "common/result.h"
#include "web/page_frame.h"
#include "web/suggestion_view.h"
#include "web/unit_pages.h"

namespace duban::web {

// `list`: duban.list for the deputy, or why it failed (shown with its code, not hidden).
std::string RenderDeputyBoard(Lang lang, const Viewer& viewer,
                              const Result<protocol::ListReply>& list);

std::string RenderDeputyTask(Lang lang, const Viewer& viewer, const protocol::GetReply& got,
                             const Vocabulary& v, const Flash& flash);

// A suggestion read only (staff, directors).
std::string RenderReadOnlyTask(Lang lang, const Viewer& viewer, const protocol::GetReply& got,
                               const Vocabulary& v);

}  // namespace duban::web
